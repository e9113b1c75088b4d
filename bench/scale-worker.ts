/**
 * One worker process of the scale benchmark: holds a share of the stock y-websocket clients
 * of many maps (each map's clients are spread over the workers). A map's writer sets one key
 * a second, carrying its send time; every other client of the map records how long it took to
 * arrive. Talks to the parent over IPC.
 */
import { connectClient, whenSynced } from './lib/client.ts';
import { preciseNow } from './lib/stats.ts';
import type * as Y from 'yjs';
import type { Target } from './lib/servers.ts';

export interface ScaleClientPlan {
  /** Which map (index into the parent's list). */
  map: number;
  target: Target;
  writer: boolean;
}

export interface ScalePlan {
  clients: ScaleClientPlan[];
  /** Each writer's interval between edits. */
  editIntervalMs: number;
  durationMs: number;
  /** Connections opening at once, so the servers' accept queues never overflow. */
  connectConcurrency: number;
  /** Give up connecting after this long. */
  connectTimeoutMs: number;
}

export type ScaleMessage =
  | { type: 'ready'; connected: number; connectMs: number }
  | { type: 'stopped'; writes: number }
  /** Per reading client: its map and how many of that map's edits it holds so far. */
  | { type: 'count'; received: [map: number, keys: number][] }
  | {
      type: 'result';
      /** Write → arrival, ms, rounded to 0.01 ms. */
      latencies: number[];
      /** Per reading client: its map and how many of that map's edits it holds. */
      received: [map: number, keys: number][];
      /** Per writer: its map and how many edits it made. */
      writes: [map: number, count: number][];
      /** Times a client lost its connection after everyone had connected. */
      disconnects: number;
    }
  | { type: 'error'; message: string };

const send = (m: ScaleMessage): void => void process.send?.(m);
const nextCommand = (): Promise<void> =>
  new Promise<void>((resolve) => process.once('message', () => resolve()));

async function run(plan: ScalePlan): Promise<void> {
  const latencies: number[] = [];
  let measuring = false;
  let disconnects = 0;
  const started = Date.now();
  const clients: (ScaleClientPlan & ReturnType<typeof connectClient>)[] = [];
  // Open connections a bounded number at a time, each until synced.
  let next = 0;
  const deadline = started + plan.connectTimeoutMs;
  const opener = async (): Promise<void> => {
    while (next < plan.clients.length) {
      const spec = plan.clients[next++]!;
      const client = { ...spec, ...connectClient(spec.target) };
      clients.push(client);
      if (!spec.writer) {
        client.doc.getMap<number>('bench').observe((event) => {
          const at = preciseNow();
          for (const key of event.keysChanged) {
            const sent = (event.target as Y.Map<number>).get(key);
            if (typeof sent === 'number') latencies.push(Math.round((at - sent) * 100) / 100);
          }
        });
      }
      client.provider.on('status', ({ status }: { status: string }) => {
        if (measuring && status === 'disconnected') disconnects++;
      });
      await whenSynced(client.provider, Math.max(1_000, deadline - Date.now()));
    }
  };
  await Promise.all(Array.from({ length: plan.connectConcurrency }, opener));
  measuring = true;
  send({ type: 'ready', connected: clients.length, connectMs: Date.now() - started });
  await nextCommand();

  const writers = clients.filter((c) => c.writer);
  const writes = new Map<number, number>(writers.map((w) => [w.map, 0]));
  const timers: NodeJS.Timeout[] = [];
  const intervals: NodeJS.Timeout[] = [];
  for (const w of writers) {
    // Each writer starts at a random point of the first interval, so edits spread evenly.
    timers.push(
      setTimeout(() => {
        const tick = (): void => {
          const n = writes.get(w.map) ?? 0;
          w.doc.getMap<number>('bench').set(String(n), preciseNow());
          writes.set(w.map, n + 1);
        };
        tick();
        intervals.push(setInterval(tick, plan.editIntervalMs));
      }, Math.random() * plan.editIntervalMs),
    );
  }
  await new Promise((r) => setTimeout(r, plan.durationMs));
  timers.forEach(clearTimeout);
  intervals.forEach(clearInterval);
  const received = (): [number, number][] =>
    clients.filter((c) => !c.writer).map((c) => [c.map, c.doc.getMap('bench').size]);
  send({ type: 'stopped', writes: [...writes.values()].reduce((a, b) => a + b, 0) });
  // The parent asks for counts until every edit has arrived or its settle time is over, then
  // for the result.
  for (;;) {
    const command = await new Promise<unknown>((resolve) => process.once('message', resolve));
    if (command !== 'count') break;
    send({ type: 'count', received: received() });
  }
  measuring = false;
  send({
    type: 'result',
    latencies,
    received: received(),
    writes: [...writes.entries()],
    disconnects,
  });
  for (const c of clients) c.provider.destroy();
  setTimeout(() => process.exit(0), 500);
}

// Every stock provider adds a process 'exit' listener; a worker holds thousands of them.
process.setMaxListeners(0);

process.once('message', (plan: ScalePlan) => {
  run(plan).catch((e: unknown) => {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  });
});
