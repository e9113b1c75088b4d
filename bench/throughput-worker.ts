/**
 * One worker of the durable-throughput benchmark: raw y-websocket clients that ask for
 * acknowledgements (`?ack=1`) and keep a bounded number of edits in flight each. An edit
 * counts as durable when the relay's `Committed` message carries a state vector covering it;
 * its latency is send → that acknowledgement.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { preciseNow } from './lib/stats.ts';

export interface ThroughputPlan {
  url: string;
  clients: number;
  inFlight: number;
  durationMs: number;
}

export type ThroughputMessage =
  | { type: 'ready' }
  | { type: 'result'; acked: number; sent: number; latencies: number[] }
  | { type: 'error'; message: string };

const MESSAGE_SYNC = 0;
const MESSAGE_COMMITTED = 100;
const send = (m: ThroughputMessage): void => void process.send?.(m);

interface AckClient {
  doc: Y.Doc;
  ws: WebSocket;
  synced: Promise<void>;
  pending: { clock: number; at: number }[];
  acked: number;
  sent: number;
}

function openClient(url: string, latencies: number[], onAck: (c: AckClient) => void): AckClient {
  const doc = new Y.Doc();
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  let markSynced: () => void = () => {};
  const client: AckClient = {
    doc,
    ws,
    synced: new Promise<void>((r) => (markSynced = r)),
    pending: [],
    acked: 0,
    sent: 0,
  };
  ws.on('open', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
    ws.send(encoding.toUint8Array(e));
  });
  ws.on('message', (data: ArrayBuffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(d);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const sub = syncProtocol.readSyncMessage(d, reply, doc, 'remote');
      if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
      if (sub === syncProtocol.messageYjsSyncStep2) markSynced();
    } else if (type === MESSAGE_COMMITTED) {
      const sv = Y.decodeStateVector(decoding.readVarUint8Array(d));
      const durable = sv.get(doc.clientID) ?? 0;
      const now = preciseNow();
      while (client.pending.length && client.pending[0]!.clock <= durable) {
        latencies.push(now - client.pending.shift()!.at);
        client.acked++;
      }
      onAck(client);
    }
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'remote' || ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, update);
    ws.send(encoding.toUint8Array(e));
  });
  return client;
}

async function run(plan: ThroughputPlan): Promise<void> {
  const latencies: number[] = [];
  let running = false;
  const edit = (c: AckClient): void => {
    while (running && c.pending.length < plan.inFlight) {
      c.doc.getMap<number>('load').set(String(c.sent % 64), c.sent);
      c.sent++;
      c.pending.push({ clock: Y.getState(c.doc.store, c.doc.clientID), at: preciseNow() });
    }
  };
  const clients = Array.from({ length: plan.clients }, () => openClient(plan.url, latencies, edit));
  await Promise.all(clients.map((c) => c.synced));
  send({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  running = true;
  clients.forEach(edit);
  await new Promise((r) => setTimeout(r, plan.durationMs));
  running = false;
  // Let acknowledgements of what is in flight arrive; they count, but no new edits start.
  await new Promise((r) => setTimeout(r, 2_000));
  send({
    type: 'result',
    acked: clients.reduce((n, c) => n + c.acked, 0),
    sent: clients.reduce((n, c) => n + c.sent, 0),
    latencies,
  });
  clients.forEach((c) => c.ws.close());
  setTimeout(() => process.exit(0), 200);
}

process.once('message', (plan: ThroughputPlan) => {
  run(plan).catch((e: unknown) => {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  });
});
