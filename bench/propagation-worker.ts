/**
 * One worker process of the propagation benchmark: holds some stock y-websocket clients,
 * some of which write. Every write carries its send time; every other client records how
 * long it took to arrive. Talks to the parent over IPC.
 */
import { connectClient, whenSynced } from './lib/client.ts';
import { preciseNow } from './lib/stats.ts';
import type * as Y from 'yjs';
import type { Target } from './lib/servers.ts';

export interface WorkerPlan {
  target: Target;
  /**
   * Global index of each client this worker holds, whether it writes, and where it connects
   * if not to `target` (the same room on another relay).
   */
  clients: { index: number; writer: boolean; target?: Target }[];
  editsPerSecond: number;
  durationMs: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; latencies: number[]; received: number[]; writes: number }
  | { type: 'error'; message: string };

const send = (m: WorkerMessage): void => void process.send?.(m);

async function run(plan: WorkerPlan): Promise<void> {
  const clients = plan.clients.map((c) => ({ ...c, ...connectClient(c.target ?? plan.target) }));
  const latencies: number[] = [];
  for (const c of clients) {
    const mine = `${c.index}:`;
    c.doc.getMap<number>('bench').observe((event) => {
      const at = preciseNow();
      for (const key of event.keysChanged) {
        if (key.startsWith(mine)) continue;
        const sent = (event.target as Y.Map<number>).get(key);
        if (typeof sent === 'number') latencies.push(at - sent);
      }
    });
  }
  await Promise.all(clients.map((c) => whenSynced(c.provider)));
  send({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  let writes = 0;
  const writers = clients.filter((c) => c.writer);
  const interval = 1000 / plan.editsPerSecond;
  const intervals: NodeJS.Timeout[] = [];
  // Stagger writers so their edits do not all leave in the same millisecond.
  const starts = writers.map((c, i) =>
    setTimeout(
      () => {
        let seq = 0;
        const tick = (): void => {
          c.doc.getMap<number>('bench').set(`${c.index}:${seq++}`, preciseNow());
          writes++;
        };
        tick();
        intervals.push(setInterval(tick, interval));
      },
      (i * interval) / Math.max(1, writers.length),
    ),
  );
  await new Promise((r) => setTimeout(r, plan.durationMs));
  starts.forEach(clearTimeout);
  intervals.forEach(clearInterval);
  send({ type: 'ready' });
  // Parent tells us when every worker has stopped writing and the settle time has passed.
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  send({
    type: 'result',
    latencies,
    received: clients.map((c) => c.doc.getMap('bench').size),
    writes,
  });
  for (const c of clients) c.provider.destroy();
  setTimeout(() => process.exit(0), 200);
}

// Every stock provider adds a process 'exit' listener; a worker holds dozens of them.
process.setMaxListeners(0);

process.once('message', (plan: WorkerPlan) => {
  run(plan).catch((e: unknown) => {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  });
});
