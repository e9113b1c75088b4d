import { seededRandom } from '@warrant/fixtures';
import { addClaim, exportMap, listClaims } from '@warrant/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { newClient, type StockClient } from '../helpers/client.ts';
import { newRelay, type RelayProcess } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

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
