import {
  exportMap,
  listClaims,
  REVIEW_SCHEMA_VERSION,
  reply,
  reviewRoomName,
  SCHEMA_PARAM,
  startThread,
  TOKEN_PARAM,
} from '@warrant/shared';
import { chromium, type Browser } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ARGS, buildClient, CHROMIUM } from './browser.ts';
import { generateMap } from './coldsync.ts';
import { importIntoWarrant, startWarrant, type Target } from './lib/servers.ts';
import { median, round } from './lib/stats.ts';

export interface ReviewOpenResult {
  claims: number;
  threads: number;
  /** Navigation → first cards, and → "Add claim" focuses a new claim's editor, per sample (ms). */
  plain: { firstCardsMs: number[]; interactiveMs: number[] };
  reviewed: { firstCardsMs: number[]; interactiveMs: number[] };
  /** Median interactive time with the threads over without (issue 14: at most 1.1). */
  ratio: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stock provider of `room` on our relay, with the map's token and `params`. */
function provider(t: Target, room: string, doc: Y.Doc, params: Record<string, string> = {}) {
  return new WebsocketProvider(t.serverUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { [TOKEN_PARAM]: t.params.token ?? '', ...params },
  });
}

async function synced(p: WebsocketProvider): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!p.synced) {
    if (Date.now() > deadline) throw new Error('review bench: a provider did not sync in 60 s');
    await sleep(20);
  }
}

/** Writes `threads` comment threads (every other one with a reply) on the map's claims. */
async function addThreads(port: number, t: Target, threads: number): Promise<void> {
  const mapDoc = new Y.Doc();
  const mapSide = provider(t, t.room, mapDoc);
  await synced(mapSide);
  const claims = listClaims(mapDoc).map((c) => c.id);
  mapSide.destroy();
  const reviewDoc = new Y.Doc();
  const reviewSide = provider(t, reviewRoomName(t.room), reviewDoc, {
    [SCHEMA_PARAM]: String(REVIEW_SCHEMA_VERSION),
  });
  await synced(reviewSide);
  const author = { id: 'bench-reviewer', name: 'Bench Reviewer' };
  for (let i = 0; i < threads; i++) {
    reviewDoc.transact(() => {
      const claim = claims[i % claims.length];
      if (!claim) return;
      const { thread } = startThread(reviewDoc, {
        target: { kind: 'claim', id: claim },
        author,
        text: `Thread ${i}: where is the evidence for this, and does the source say so?`,
      });
      if (i % 2 === 0)
        reply(reviewDoc, thread, { author, text: 'Agreed; see the second paragraph.' });
    });
  }
  // Done when the relay answers with every thread (it answers from what it committed).
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/api/maps/${t.room}/comments`, {
      headers: { authorization: `Bearer ${t.params.token ?? ''}` },
    });
    const body = (await res.json()) as { threads?: unknown[] };
    if ((body.threads?.length ?? 0) >= threads) break;
    if (Date.now() > deadline) throw new Error('review bench: threads not committed in 120 s');
    await sleep(200);
  }
  reviewSide.destroy();
}

async function open(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: "localStorage.setItem('warrant.name', 'Bench')" });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
  const firstCards = Date.now() - t0;
  await page.getByRole('button', { name: 'Add claim', exact: true }).click();
  await page.locator('.ProseMirror:focus').waitFor({ timeout: 60_000 });
  const interactive = Date.now() - t0;
  await context.close();
  return { firstCards, interactive };
}

/**
 * Issue 14: opening a map whose review document holds 1,000 comment threads, against the
 * same map with none, in one run, alternating so both see the same machine.
 */
export async function reviewOpenBench(opts: {
  claims: number;
  threads: number;
  repeats: number;
}): Promise<ReviewOpenResult> {
  const dist = buildClient();
  const server = await startWarrant({ WARRANT_CLIENT_DIST: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const json = exportMap(generateMap(opts.claims));
    const plain = await importIntoWarrant(server.port, json);
    const reviewed = await importIntoWarrant(server.port, json);
    await addThreads(server.port, reviewed, opts.threads);
    const url = (t: Target) =>
      `http://127.0.0.1:${server.port}/maps/${t.room}#token=${t.params.token}`;
    // One unmeasured visit each warms the relay (maps loaded) and the HTTP cache.
    await open(browser, url(plain));
    await open(browser, url(reviewed));
    const result: ReviewOpenResult = {
      claims: opts.claims,
      threads: opts.threads,
      plain: { firstCardsMs: [], interactiveMs: [] },
      reviewed: { firstCardsMs: [], interactiveMs: [] },
      ratio: NaN,
    };
    for (let i = 0; i < opts.repeats; i++) {
      for (const [name, target] of [
        ['plain', plain],
        ['reviewed', reviewed],
      ] as const) {
        const r = await open(browser, url(target));
        result[name].firstCardsMs.push(r.firstCards);
        result[name].interactiveMs.push(r.interactive);
      }
    }
    result.ratio = round(
      median(result.reviewed.interactiveMs) / median(result.plain.interactiveMs),
      2,
    );
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}
