import type { Figure } from '../lib/figure.ts';
import { ratio } from '../lib/figure.ts';
import { postgresUrl } from '../lib/postgres.ts';
import { startWarrant } from '../lib/servers.ts';
import { median, round } from '../lib/stats.ts';
import { UNLIMITED } from '../lib/withBoth.ts';
import { durableThroughput, type ThroughputResult } from '../throughput.ts';

export const postgresFigure: Figure<{ runs: number; durationMs: number; writerCounts: number[] }> =
  {
    name: 'postgres',
    about: 'durable throughput on PostgreSQL against SQLite',
    options: ({ quick }) => ({
      runs: quick ? 1 : 3,
      durationMs: quick ? 4_000 : 8_000,
      writerCounts: quick ? [10] : [10, 50],
    }),
    async run({ runs, durationMs, writerCounts }, { out, results }) {
      out(
        `\ndurable throughput on PostgreSQL against SQLite: writers keep 20 edits in flight each for ${durationMs / 1000} s; acked once committed (median of ${runs} runs)`,
      );
      out('  writers  storage     updates/s  ack p50  ack p95  ack p99  updates/commit  unacked');
      const rows: unknown[] = [];
      results.postgres = rows;
      for (const writers of writerCounts) {
        const byStorage: { sqlite: ThroughputResult[]; postgres: ThroughputResult[] } = {
          sqlite: [],
          postgres: [],
        };
        for (let i = 0; i < runs; i++) {
          // Alternate which storage goes first: the machine drifts.
          const order: ('sqlite' | 'postgres')[] =
            i % 2 === 0 ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'];
          for (const storage of order) {
            const env =
              storage === 'postgres'
                ? { ...UNLIMITED, DATABASE_URL: await postgresUrl() }
                : UNLIMITED;
            const relay = await startWarrant(env);
            try {
              byStorage[storage].push(
                await durableThroughput(relay, { writers, inFlight: 20, durationMs, workers: 2 }),
              );
            } finally {
              await relay.stop();
            }
          }
        }
        const summary = (label: string, all: ThroughputResult[]): number => {
          const fig = (pick: (r: ThroughputResult) => number) => median(all.map(pick));
          const rate = fig((r) => r.durableUpdatesPerSecond);
          out(
            `  ${String(writers).padStart(7)}  ${label.padEnd(10)} ${String(rate).padStart(10)}  ${[
              fig((r) => r.ackLatencyMs.p50),
              fig((r) => r.ackLatencyMs.p95),
              fig((r) => r.ackLatencyMs.p99),
            ]
              .map((x) => String(round(x)).padStart(7))
              .join('  ')}  ${String(fig((r) => r.updatesPerCommit)).padStart(14)}  ${String(
              all.reduce((n, r) => n + r.lostAcks, 0),
            ).padStart(7)}`,
          );
          return rate;
        };
        const lite = summary('sqlite', byStorage.sqlite);
        const pg = summary('postgres', byStorage.postgres);
        const p50 = (all: ThroughputResult[]) => median(all.map((r) => r.ackLatencyMs.p50));
        out(
          `  ${''.padStart(7)}  pg/sqlite  ${ratio(pg, lite).padStart(10)}  ${ratio(
            p50(byStorage.postgres),
            p50(byStorage.sqlite),
          ).padStart(7)}`,
        );
        rows.push({ writers, ...byStorage });
      }
    },
  };
