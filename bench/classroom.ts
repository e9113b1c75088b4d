import { addClaim, exportMap, TOKEN_PARAM } from '@warrant/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { generateMap } from './coldsync.ts';
import { importIntoWarrant, startWarrant } from './lib/servers.ts';
import { median, preciseNow, round } from './lib/stats.ts';

export interface ClassroomResult {
  copies: number;
  claimsPerCopy: number;
  /** Copies edited by a stock client before the measurement (their figures recounted). */
  edited: number;
  /** Joining, per student (ms, median): the copy made from the template, the link, the rows. */
  joinMs: number;
  /** `GET /api/assignments/:id` with the instructor token, first and then repeated (ms). */
  firstMs: number;
  medianMs: number;
  samplesMs: number[];
  /** The answer's size. */
  bytes: number;
  /** `POST /api/assignments/:id/push` of 5 template claims into every copy (ms, once). */
  pushMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The instructor's dashboard (issue 15: a dashboard of 200 copies opens in under 1 s). A relay
 * with an assignment made from a `claims`-claim map, `copies` students joined, a few copies
 * edited live (so their figures were recounted and their sparklines hold activity); then the
 * dashboard fetched with the instructor token, as the client does.
 */
export async function classroomBench(options: {
  copies: number;
  claims: number;
  edited: number;
  repeats: number;
}): Promise<ClassroomResult> {
  const relay = await startWarrant();
  try {
    const base = `http://127.0.0.1:${relay.port}`;
    const source = await importIntoWarrant(relay.port, exportMap(generateMap(options.claims)));
    const made = await fetch(`${base}/api/assignments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${source.params.token ?? ''}`,
      },
      body: JSON.stringify({ map: source.room, title: 'Bench seminar' }),
    });
    if (made.status !== 201) throw new Error(`assignment: ${made.status} ${await made.text()}`);
    const assignment = (await made.json()) as { id: string; token: string; templateMap: string };
    const joins: number[] = [];
    const students: { copy: string; token: string }[] = [];
    for (let i = 0; i < options.copies; i++) {
      const started = preciseNow();
      const res = await fetch(`${base}/api/assignments/${assignment.id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Student ${i + 1}` }),
      });
      if (res.status !== 201) throw new Error(`join: ${res.status} ${await res.text()}`);
      joins.push(preciseNow() - started);
      const joined = (await res.json()) as { copy: { id: string }; token: string };
      students.push({ copy: joined.copy.id, token: joined.token });
    }
    // A few students edit their copies live.
    const providers: WebsocketProvider[] = [];
    for (const student of students.slice(0, options.edited)) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(relay.syncUrl, student.copy, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { [TOKEN_PARAM]: student.token },
      });
      providers.push(provider);
      while (!provider.synced) await sleep(10);
      for (let k = 0; k < 5; k++) addClaim(doc, { text: `Edit ${k} by ${student.copy}` });
    }
    await sleep(3_000);
    for (const p of providers) p.destroy();

    const fetchDashboard = async (): Promise<{ ms: number; bytes: number }> => {
      const started = preciseNow();
      const res = await fetch(`${base}/api/assignments/${assignment.id}`, {
        headers: { authorization: `Bearer ${assignment.token}` },
      });
      const body = await res.text();
      const ms = preciseNow() - started;
      if (res.status !== 200) throw new Error(`dashboard: ${res.status} ${body.slice(0, 200)}`);
      const copies = (JSON.parse(body) as { copies: unknown[] }).copies.length;
      if (copies !== options.copies) throw new Error(`dashboard: ${copies} copies`);
      return { ms, bytes: body.length };
    };
    const first = await fetchDashboard();
    const samples: number[] = [];
    for (let i = 0; i < options.repeats; i++) samples.push((await fetchDashboard()).ms);

    // The instructor adds five claims to the template and pushes them to every copy.
    const templateDoc = new Y.Doc();
    const template = new WebsocketProvider(relay.syncUrl, assignment.templateMap, templateDoc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { [TOKEN_PARAM]: assignment.token },
    });
    while (!template.synced) await sleep(10);
    for (let k = 0; k < 5; k++) addClaim(templateDoc, { text: `Template addition ${k}` });
    await sleep(1_000);
    template.destroy();
    const pushStarted = preciseNow();
    const pushed = await fetch(`${base}/api/assignments/${assignment.id}/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${assignment.token}` },
    });
    const pushMs = preciseNow() - pushStarted;
    const pushBody = (await pushed.json()) as { copies: number; changes: { claims?: number } };
    if (pushed.status !== 200 || pushBody.changes.claims !== 5) {
      throw new Error(`push: ${pushed.status} ${JSON.stringify(pushBody)}`);
    }
    return {
      pushMs: round(pushMs),
      copies: options.copies,
      claimsPerCopy: options.claims,
      edited: options.edited,
      joinMs: round(median(joins)),
      firstMs: round(first.ms),
      medianMs: round(median(samples)),
      samplesMs: samples.map((s) => round(s)),
      bytes: first.bytes,
    };
  } finally {
    await relay.stop();
  }
}
