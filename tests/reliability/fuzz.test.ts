import { seededRandom } from '@warrant/fixtures';
import { CloseCodes } from '@warrant/server';
import { addClaim, exportMap, listClaims } from '@warrant/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { newClient, RawClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  createSandbox,
  DANGEROUS,
  hitsKnownBug,
  SANDBOX,
  sandboxEdit,
  ScratchRelay,
  structuredUpdates,
  targetOf,
  toHex,
  refusedByRelay,
  type Target,
  type Verdict,
} from './structuredUpdates.ts';

/**
 * Protocol fuzzing against a live relay: hostile connections send random and mutated
 * y-websocket messages while two honest clients keep editing. The relay must stay up, the
 * honest clients must converge, and the stored map must still load.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 10_000);
const HOSTILE_CONNECTIONS_AT_ONCE = 6;
const TIME_BUDGET_MS = 150_000;

const msg = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** Real updates to mutate: small edits made on a scratch copy of an argument map. */
function sampleUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < 20; i++) addClaim(doc, { text: `scratch claim ${i}` });
  return out;
}

function generator(rand: () => number) {
  const int = (n: number): number => Math.floor(rand() * n);
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256));
  const updates = sampleUpdates();
  const anUpdate = (): Uint8Array => updates[int(updates.length)]!;
  const mutate = (src: Uint8Array): Uint8Array => {
    const out = Uint8Array.from(src);
    const flips = 1 + int(4);
    for (let i = 0; i < flips; i++) out[int(out.length)] = int(256);
    return out;
  };
  const awarenessDoc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(awarenessDoc);
  const kinds: (() => Uint8Array | string)[] = [
    // Random bytes, including the empty frame.
    () => bytes(int(64)),
    // A valid message cut short.
    () => {
      const full = msg((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, anUpdate());
      });
      return full.slice(0, int(full.length));
    },
    // A huge declared length with almost nothing behind it.
    () =>
      msg((e) => {
        encoding.writeVarUint(e, int(2));
        if (rand() < 0.5) encoding.writeVarUint(e, int(3));
        encoding.writeVarUint(e, 2 ** 31 - 1 - int(1000));
        encoding.writeUint8Array(e, bytes(int(8)));
      }),
    // Truncated or overlong varints.
    () => Uint8Array.from({ length: 1 + int(12) }, () => 0x80 | int(128)),
    // Unknown message types and sync sub-types.
    () =>
      msg((e) => {
        encoding.writeVarUint(e, rand() < 0.5 ? 4 + int(200) : 0);
        encoding.writeVarUint(e, 3 + int(1000));
        encoding.writeUint8Array(e, bytes(int(16)));
      }),
    // Valid framing around a garbage update.
    () =>
      msg((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1 + int(2));
        encoding.writeVarUint8Array(e, bytes(1 + int(48)));
      }),
    // Valid framing around a mutated real update.
    () =>
      msg((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, mutate(anUpdate()));
      }),
    // A real update whose dependencies the relay never received.
    () =>
      msg((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, updates[1 + int(updates.length - 1)]!);
      }),
    // Garbage awareness.
    () =>
      msg((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, bytes(int(40)));
      }),
    // Awareness flood: valid updates for many made-up client ids with big states.
    () => {
      awareness.setLocalState({ user: { name: 'x'.repeat(int(2000)) } });
      const clients = Array.from({ length: 1 + int(50) }, () => int(2 ** 30));
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, clients.length);
      for (const id of clients) {
        encoding.writeVarUint(inner, id);
        encoding.writeVarUint(inner, int(100));
        encoding.writeVarString(inner, JSON.stringify(awareness.getLocalState()));
      }
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      return encoding.toUint8Array(e);
    },
    // Harmless messages that keep a connection open a little longer.
    () => msg((e) => encoding.writeVarUint(e, 3)),
    // Text frames.
    () => 'hello relay'.slice(0, int(12)),
  ];
  return () => kinds[int(kinds.length)]!();
}

describe('protocol fuzzing', () => {
  let relay: RelayProcess;
  let mapId: string;
  const honest: StockClient[] = [];

  beforeAll(async () => {
    relay = await newRelay();
    mapId = await relay.createMap('Fuzzed map');
  });

  afterAll(async () => {
    honest.forEach((c) => c.destroy());
    await relay?.dispose();
  });

  it(`survives ${MESSAGES} hostile messages while honest clients converge`, async () => {
    honest.push(newClient(relay, mapId), newClient(relay, mapId));
    await Promise.all(honest.map((c) => c.synced()));
    const written = [0, 0];
    const editing = honest.map((c, i) =>
      setInterval(() => {
        addClaim(c.doc, { text: `honest ${i} #${written[i]}` });
        written[i]!++;
      }, 25),
    );

    const next = generator(seededRandom(SEED));
    let sent = 0;
    let connections = 0;
    const deadline = Date.now() + TIME_BUDGET_MS;
    // Each hostile message is followed by a query for awareness: an answer means the relay
    // processed the message and carried on, a close means it refused it. Either way the
    // message was really handled, not dropped unread behind an earlier one.
    const query = msg((e) => encoding.writeVarUint(e, 3));
    const hostile = async (): Promise<void> => {
      while (sent < MESSAGES && Date.now() < deadline) {
        connections++;
        // Hostile connections hold a valid editor token: the strongest attacker short of
        // the owner, past every check that a missing token would stop early.
        const ws = new WebSocket(`${relay.syncUrl}/${mapId}?token=${relay.tokenFor(mapId)}`);
        ws.on('error', () => {});
        let frames = 0;
        let closed = false;
        ws.on('message', () => frames++);
        ws.on('close', () => (closed = true));
        const opened = await new Promise<boolean>((resolve) => {
          ws.once('open', () => resolve(true));
          ws.once('close', () => resolve(false));
        });
        if (!opened) continue;
        await waitFor(() => frames >= 1 || closed, {
          timeoutMs: 10_000,
          what: 'the sync to start',
        });
        for (let i = 0; i < 100 && !closed && sent < MESSAGES; i++) {
          const before = frames;
          ws.send(next());
          ws.send(query);
          sent++;
          await waitFor(() => frames > before || closed, {
            timeoutMs: 10_000,
            what: 'the relay to answer or refuse',
          });
        }
        ws.terminate();
      }
    };
    await Promise.all(Array.from({ length: HOSTILE_CONNECTIONS_AT_ONCE }, hostile));
    editing.forEach(clearInterval);

    expect(sent).toBeGreaterThanOrEqual(MESSAGES);
    expect((await relay.fetch('/healthz')).ok).toBe(true);
    expect(relay.running).toBe(true);

    process.stdout.write(`honest closes: ${JSON.stringify(honest.map((c) => c.closes))}\n`);
    // The honest clients converge on everything both wrote.
    const total = written[0]! + written[1]!;
    await waitFor(
      () =>
        honest.every(
          (c) => listClaims(c.doc).filter((x) => x.text.startsWith('honest')).length === total,
        ),
      { timeoutMs: 60_000, what: 'honest clients to receive every honest claim' },
    );
    expect(JSON.stringify(exportMap(honest[0]!.doc))).toBe(
      JSON.stringify(exportMap(honest[1]!.doc)),
    );
    const rejected = [...(await relay.metrics()).entries()]
      .filter(([k]) => k.startsWith('warrant_rejected_messages_total'))
      .reduce((n, [, v]) => n + v, 0);
    expect(rejected).toBeGreaterThan(100);

    // The stored map loads after a restart, with every honest claim.
    honest.forEach((c) => c.destroy());
    honest.length = 0;
    await relay.restart();
    const fresh = newClient(relay, mapId);
    honest.push(fresh);
    await fresh.synced();
    const honestClaims = listClaims(fresh.doc).filter((x) => x.text.startsWith('honest'));
    expect(honestClaims).toHaveLength(total);
    expect((await relay.fetch(`/api/maps/${mapId}/export`)).status).toBe(200);
    process.stdout.write(
      `fuzz: seed ${SEED}, ${sent} messages over ${connections} connections, ${rejected} rejected, ${total} honest edits\n`,
    );
  });
});

/**
 * Structure-aware update fuzzing: hostile updates written struct by struct (see
 * structuredUpdates.ts), so that nearly all of them decode and reach Yjs's integration,
 * which random and mutated bytes almost never do. First classified in-process against a
 * model of the relay's handling, then sent to a live relay while two honest clients edit.
 */
const STRUCTURED_SEED = SEED + 1;
const STRUCTURED_IN_PROCESS = Number(process.env.FUZZ_STRUCTURED_IN_PROCESS ?? 2000);
const STRUCTURED_LIVE = Number(process.env.FUZZ_STRUCTURED ?? 3000);
const STRUCTURED_BUDGET_MS = 50_000;
const STRUCTURED_CONNECTIONS = 4;

/** A long hex dump cut to what a log line can hold. */
function clip(hex: string): string {
  return hex.length > 240 ? `${hex.slice(0, 240)}… (${hex.length / 2} bytes)` : hex;
}

function tally<K extends string>(keys: Iterable<K>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** Closes in 4400-4499: the stock provider gives up on the map for good. */
function permanentCloses(c: StockClient): { code: number; reason: string }[] {
  return c.closes.filter((x) => x.code >= 4400 && x.code < 4500);
}

/** A sync message (2 = update, 1 = step 2) carrying `update`. */
function syncFrame(syncType: 1 | 2, update: Uint8Array): Uint8Array {
  return msg((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, update);
  });
}

/** What a close right after a hostile update says about that update. */
function outcome(update: Uint8Array, code: number): string {
  if (code !== 4422) return `closed ${code}`;
  try {
    return refusedByRelay(update) ? 'refused (malformed)' : 'Yjs threw';
  } catch {
    return 'refused (undecodable)';
  }
}

/** Why two docs that should hold the same differ: missing claims, state, deletions. */
function divergence(docs: Y.Doc[], claimIds: readonly string[]): string {
  const lines: string[] = [];
  const svs = docs.map((d) => Y.decodeStateVector(Y.encodeStateVector(d)));
  const dss = docs.map((d) => Y.createDeleteSetFromStructStore(d.store));
  docs.forEach((doc, i) => {
    const ids = new Set(listClaims(doc).map((c) => c.id));
    const missing = claimIds.filter((id) => !ids.has(id));
    if (missing.length > 0) lines.push(`doc ${i} lacks ${missing.length} honest claims`);
  });
  for (const client of new Set(svs.flatMap((sv) => [...sv.keys()]))) {
    const states = svs.map((sv) => sv.get(client) ?? 0);
    if (new Set(states).size > 1) lines.push(`client ${client} states ${states.join(' / ')}`);
    const deleted = dss.map((ds) => ds.clients.get(client) ?? []);
    const same = (i: number) =>
      deleted.every(
        (l) => l[i]?.clock === deleted[0]![i]?.clock && l[i]?.len === deleted[0]![i]?.len,
      );
    let i = 0;
    while (i < deleted[0]!.length && same(i)) i++;
    if (!same(i)) {
      const at = deleted.map((l) => {
        const range = l[i];
        return range ? `${range.clock}+${range.len}` : 'none';
      });
      lines.push(`client ${client} deleted ranges differ from #${i}: ${at.join(' / ')}`);
    }
  }
  return lines.join('; ') || 'nothing found';
}

describe('structure-aware update fuzzing', () => {
  let relay: RelayProcess;
  let mapId: string;
  const honest: StockClient[] = [];

  beforeAll(async () => {
    relay = await newRelay();
    mapId = await relay.createMap('Structurally fuzzed map');
  });

  afterAll(async () => {
    honest.forEach((c) => c.destroy());
    await relay?.dispose();
  });

  it(`classifies ${STRUCTURED_IN_PROCESS} generated updates in-process`, () => {
    const scratch = new ScratchRelay(seededRandom(STRUCTURED_SEED));
    let target = scratch.target();
    const generate = structuredUpdates(seededRandom(STRUCTURED_SEED), () => target);
    const verdicts: Verdict[] = [];
    const errors = new Map<string, number>();
    const shortest = new Map<string, string>();
    const unexplained: string[] = [];
    let knownBug = 0;
    const started = performance.now();
    for (let i = 0; i < STRUCTURED_IN_PROCESS; i++) {
      if (i % 50 === 0) target = scratch.target();
      const update = generate();
      if (hitsKnownBug(update)) knownBug++;
      const { verdict, error, history } = scratch.offer(update);
      verdicts.push(verdict);
      if (error === undefined || verdict === 'undecodable') continue;
      const what = `${verdict}: ${String(error).slice(0, 90)}`;
      errors.set(what, (errors.get(what) ?? 0) + 1);
      const hex = history.map(toHex).join(' then ');
      if (hex.length < (shortest.get(what)?.length ?? Infinity)) shortest.set(what, hex);
      if (!DANGEROUS.includes(verdict)) continue;
      unexplained.push(`${what} after ${hex}`);
    }
    scratch.destroy();
    const counts = tally(verdicts);
    process.stdout.write(
      `structured in-process: seed ${STRUCTURED_SEED}, ${verdicts.length} updates ` +
        `(${knownBug} of known-bug shapes) in ${Math.round(performance.now() - started)} ms: ` +
        `${JSON.stringify(counts)}\n` +
        [...errors]
          .sort((x, y) => y[1] - x[1])
          .map(
            ([what, n]) =>
              `  ${n} × ${what}${shortest.has(what) ? ` — shortest: ${clip(shortest.get(what)!)}` : ''}\n`,
          )
          .join(''),
    );
    // The point of the generator: most of what it writes decodes, past the relay's check
    // many reach integration, and some still make Yjs throw (the room's reload backstop).
    expect(STRUCTURED_IN_PROCESS - (counts.undecodable ?? 0)).toBeGreaterThan(
      (STRUCTURED_IN_PROCESS * 3) / 4,
    );
    const integrated = (counts.threw ?? 0) + (counts.applied ?? 0) + (counts.pending ?? 0);
    expect(integrated).toBeGreaterThan(STRUCTURED_IN_PROCESS / 4);
    expect(counts.threw ?? 0).toBeGreaterThan(0);
    // Nothing leaves the relay in trouble: the shapes that did (hitsKnownBug) are refused.
    expect(counts.refused ?? 0).toBeGreaterThanOrEqual(knownBug);
    expect(unexplained).toEqual([]);
  });

  it(`survives ${STRUCTURED_LIVE} structure-aware hostile updates while honest clients converge`, async () => {
    const started = Date.now();
    honest.push(newClient(relay, mapId), newClient(relay, mapId));
    await Promise.all(honest.map((c) => c.synced()));
    createSandbox(honest[0]!.doc);
    await waitFor(() => honest[1]!.doc.getArray(SANDBOX).length > 0, { what: 'the sandbox' });
    const honestIds = honest.map((c) => c.doc.clientID);
    const claimIds: string[][] = [[], []];
    const editRand = seededRandom(STRUCTURED_SEED + 1);
    const editing = honest.map((c, i) =>
      setInterval(() => {
        claimIds[i]!.push(addClaim(c.doc, { text: `honest ${i} #${claimIds[i]!.length}` }));
        sandboxEdit(c.doc, editRand);
      }, 50),
    );

    // What the hostile side points at: honest[0]'s doc, re-read every 250 ms.
    let target: Target = targetOf(honest[0]!.doc, honestIds);
    let targetAt = Date.now();
    const generate = structuredUpdates(seededRandom(STRUCTURED_SEED + 2), () => {
      if (Date.now() - targetAt > 250) {
        target = targetOf(honest[0]!.doc, honestIds);
        targetAt = Date.now();
      }
      return target;
    });
    const next = generate;

    const outcomes: string[] = [];
    const recent: string[] = [];
    let sent = 0;
    let connections = 0;
    let lostHonest: string | null = null;
    const deadline = Date.now() + STRUCTURED_BUDGET_MS;
    const query = msg((e) => encoding.writeVarUint(e, 3));
    const hostile = async (): Promise<void> => {
      while (sent < STRUCTURED_LIVE && Date.now() < deadline && !lostHonest) {
        connections++;
        const ws = new WebSocket(`${relay.syncUrl}/${mapId}?token=${relay.tokenFor(mapId)}`);
        ws.on('error', () => {});
        let frames = 0;
        let closed: number | null = null;
        ws.on('message', () => frames++);
        ws.on('close', (code) => (closed = code));
        const opened = await new Promise<boolean>((resolve) => {
          ws.once('open', () => resolve(true));
          ws.once('close', () => resolve(false));
        });
        if (!opened) continue;
        await waitFor(() => frames >= 1 || closed !== null, {
          timeoutMs: 10_000,
          what: 'the sync to start',
        });
        for (let i = 0; i < 100 && closed === null && sent < STRUCTURED_LIVE; i++) {
          const update = next();
          const before = frames;
          // As a sync update and as a sync step 2: the relay takes both as writes.
          ws.send(syncFrame(sent % 2 === 0 ? 2 : 1, update));
          ws.send(query);
          sent++;
          recent.push(toHex(update));
          if (recent.length > 10) recent.shift();
          await waitFor(() => frames > before || closed !== null, {
            timeoutMs: 10_000,
            what: `the relay to answer or refuse ${toHex(update).slice(0, 400)}`,
          });
          outcomes.push(closed === null ? 'answered' : outcome(update, closed));
          const lost = honest.find((c) => permanentCloses(c).length > 0);
          if (lost && !lostHonest) {
            lostHonest =
              `an honest client was closed for good (${JSON.stringify(permanentCloses(lost))}) ` +
              `after hostile updates ${recent.join(' ')}`;
          }
          if (lostHonest) break;
        }
        ws.terminate();
      }
    };
    await Promise.all(Array.from({ length: STRUCTURED_CONNECTIONS }, hostile));
    editing.forEach(clearInterval);
    const hostileMs = Date.now() - started;
    process.stdout.write(
      `structured live: seed ${STRUCTURED_SEED + 2}, ${sent} updates over ${connections} ` +
        `connections in ${hostileMs} ms: ` +
        `${JSON.stringify(tally(outcomes))}; honest closes: ` +
        `${JSON.stringify(honest.map((c) => tally(c.closes.map((x) => String(x.code)))))}\n`,
    );

    expect(lostHonest).toBeNull();
    expect(relay.running).toBe(true);
    expect((await relay.fetch('/healthz')).ok).toBe(true);
    expect(sent).toBeGreaterThanOrEqual(Math.min(STRUCTURED_LIVE, 300));

    // The honest clients converge: every honest claim on both, and the same document.
    const everyClaim = claimIds.flat();
    const hasAll = (doc: Y.Doc) => {
      const ids = new Set(listClaims(doc).map((c) => c.id));
      return everyClaim.every((id) => ids.has(id));
    };
    const docs = honest.map((c) => c.doc);
    await waitFor(
      () => docs.every(hasAll) && Y.equalSnapshots(Y.snapshot(docs[0]!), Y.snapshot(docs[1]!)),
      { timeoutMs: 30_000, what: 'honest clients to converge' },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${divergence(docs, everyClaim)}`);
    });
    const exported = JSON.stringify(exportMap(docs[0]!));
    expect(JSON.stringify(exportMap(docs[1]!))).toBe(exported);

    // The stored map loads after a restart, skipping nothing, with every honest claim.
    honest.forEach((c) => c.destroy());
    honest.length = 0;
    await relay.restart();
    const fresh = newClient(relay, mapId);
    honest.push(fresh);
    await fresh.synced();
    expect(hasAll(fresh.doc)).toBe(true);
    expect(JSON.stringify(exportMap(fresh.doc))).toBe(exported);
    expect(
      relay.records('skipped a stored update that cannot be applied; the next compaction drops it'),
    ).toEqual([]);
    expect((await relay.fetch(`/api/maps/${mapId}/export`)).status).toBe(200);
    process.stdout.write(
      `structured live: ${everyClaim.length} honest claims survived; ${Date.now() - started} ms in all\n`,
    );
  });

  /**
   * The shapes this fuzzer found (see hitsKnownBug), one minimal update each: a connection
   * that may edit sends it, an honest client then edits. The relay used to accept them and
   * then close THAT honest client for good; now it refuses the hostile update up front.
   */
  const knownBugs: [string, (doc: Y.Doc) => Uint8Array][] = [
    // Delete set: client 3, ranges [2^53 - 2, 1] then [0, 1].
    [
      'an out-of-order pending delete set',
      () => Uint8Array.from(Buffer.from('00010302feffffffffffff0f010001', 'hex')),
    ],
    // One struct, client 5 clock 0: ContentDeleted(1) with origin 5:5 (itself, later) and
    // right origin at the honest client's next clock.
    [
      'a pending item whose origin is its own later clock',
      (doc) =>
        msg((e) => {
          encoding.writeUint8Array(e, Uint8Array.from([1, 1, 5, 0, 0xc1, 5, 5]));
          encoding.writeVarUint(e, doc.clientID);
          encoding.writeVarUint(e, Y.getState(doc.store, doc.clientID));
          encoding.writeUint8Array(e, Uint8Array.from([1, 0]));
        }),
    ],
    // Client 5: GC of length 4, then ContentDeleted(2^53 - 1) at clock 4 with right origin
    // at the honest client's next clock.
    [
      'a pending struct that ends past 2^53',
      (doc) =>
        msg((e) => {
          encoding.writeUint8Array(e, Uint8Array.from([1, 2, 5, 0, 0, 4, 0x41]));
          encoding.writeVarUint(e, doc.clientID);
          encoding.writeVarUint(e, Y.getState(doc.store, doc.clientID));
          encoding.writeVarUint(e, Number.MAX_SAFE_INTEGER);
          encoding.writeUint8(e, 0);
        }),
    ],
  ];
  for (const [what, build] of knownBugs) {
    it(`refuses ${what}, and the next honest writer carries on`, async () => {
      const map = await relay.createMap('Known bug');
      const writer = newClient(relay, map);
      honest.push(writer);
      await writer.synced();
      addClaim(writer.doc, { text: 'before' });
      const raw = await RawClient.open(relay, map);
      await waitFor(() => raw.frames.length > 0, { what: 'the sync to start' });
      raw.send(syncFrame(2, build(writer.doc)));
      expect((await raw.closedWith()).code).toBe(CloseCodes.UpdateRejected.code);
      addClaim(writer.doc, { text: 'after' });
      const check = newClient(relay, map);
      honest.push(check);
      await waitFor(
        () => permanentCloses(writer).length > 0 || listClaims(check.doc).length === 2,
        { what: 'the honest edit to arrive, or its writer to be closed' },
      );
      raw.close();
      expect(permanentCloses(writer)).toEqual([]);
    });
  }
});
