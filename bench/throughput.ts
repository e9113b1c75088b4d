import { fileURLToPath } from 'node:url';
import type { ServerUnderTest } from './lib/servers.ts';
import { round, summarize, type Summary } from './lib/stats.ts';
import { killAll, nextMessage, startWorker } from './lib/workers.ts';
import type { ThroughputMessage, ThroughputPlan } from './throughput-worker.ts';

export interface ThroughputResult {
  writers: number;
  durableUpdatesPerSecond: number;
  ackLatencyMs: Summary;
  commits: number;
  updatesPerCommit: number;
  lostAcks: number;
}

const workerFile = fileURLToPath(new URL('./throughput-worker.ts', import.meta.url));

async function counter(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}

/**
 * Many writers, each keeping `inFlight` edits unacknowledged at most (closed loop), for
 * `durationMs`: how many updates per second the relay makes durable, and how long a writer
 * waits for "saved".
 */
export async function durableThroughput(
  server: ServerUnderTest,
  opts: { writers: number; inFlight: number; durationMs: number; workers: number },
): Promise<ThroughputResult> {
  const { serverUrl, room, params } = await server.newRoom('throughput');
  const url = `${serverUrl}/${room}?${new URLSearchParams({ ...params, ack: '1' })}`;
  const per = Math.ceil(opts.writers / opts.workers);
  const children = Array.from({ length: opts.workers }, (_, i) =>
    startWorker(workerFile, {
      url,
      clients: Math.max(0, Math.min(per, opts.writers - i * per)),
      inFlight: opts.inFlight,
      durationMs: opts.durationMs,
    } satisfies ThroughputPlan),
  );
  try {
    await Promise.all(children.map((c) => nextMessage<ThroughputMessage>(c, 60_000)));
    const before = {
      updates: await counter(server.port, 'warrant_updates_persisted_total'),
      commits: await counter(server.port, 'warrant_commits_total'),
    };
    children.forEach((c) => c.send('go'));
    const results = (await Promise.all(
      children.map((c) => nextMessage<ThroughputMessage>(c, opts.durationMs + 60_000)),
    )) as Extract<ThroughputMessage, { type: 'result' }>[];
    const updates =
      (await counter(server.port, 'warrant_updates_persisted_total')) - before.updates;
    const commits = (await counter(server.port, 'warrant_commits_total')) - before.commits;
    const acked = results.reduce((n, r) => n + r.acked, 0);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    return {
      writers: opts.writers,
      durableUpdatesPerSecond: round(acked / (opts.durationMs / 1000), 0),
      ackLatencyMs: summarize(results.flatMap((r) => r.latencies)),
      commits,
      updatesPerCommit: round(updates / commits, 1),
      lostAcks: sent - acked,
    };
  } finally {
    killAll(children);
  }
}
