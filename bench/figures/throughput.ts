import type { Figure } from '../lib/figure.ts';
import { startWarrant } from '../lib/servers.ts';
import { round } from '../lib/stats.ts';
import { UNLIMITED } from '../lib/withBoth.ts';
import { durableThroughput } from '../throughput.ts';

export const throughputFigure: Figure<{ writerCounts: number[]; durationMs: number }> = {
  name: 'throughput',
  about: 'durable updates per second with writers keeping edits in flight',
  options: ({ quick }) => ({
    writerCounts: quick ? [10] : [10, 50],
    durationMs: quick ? 4_000 : 10_000,
  }),
  async run({ writerCounts, durationMs }, { out, results }) {
    out('\ndurable throughput: writers keep 20 edits in flight each; our relay acks once on disk');
    out('  writers  updates/s  ack p50  ack p95  ack p99  updates/commit  unacked');
    const rows = [];
    for (const writers of writerCounts) {
      // Each writer here sends far faster than a person (hundreds of edits/s): lift the
      // per-connection rate limit, which would otherwise close them (that is tested elsewhere).
      const ours = await startWarrant(UNLIMITED);
      try {
        const r = await durableThroughput(ours, { writers, inFlight: 20, durationMs, workers: 2 });
        const l = r.ackLatencyMs;
        out(
          `  ${String(writers).padStart(7)}  ${String(r.durableUpdatesPerSecond).padStart(9)}  ${[
            l.p50,
            l.p95,
            l.p99,
          ]
            .map((x) => String(round(x)).padStart(7))
            .join(
              '  ',
            )}  ${String(r.updatesPerCommit).padStart(14)}  ${String(r.lostAcks).padStart(7)}`,
        );
        rows.push(r);
      } finally {
        await ours.stop();
      }
    }
    results.throughput = rows;
  },
};
