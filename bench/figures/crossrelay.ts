import type { Figure } from '../lib/figure.ts';
import { postgresUrl } from '../lib/postgres.ts';
import { redisAvailable, startRedis } from '../lib/redis.ts';
import { startWarrant, type ServerUnderTest } from '../lib/servers.ts';
import { propagation, type PropagationResult } from '../propagation.ts';
import { latencyRow, medianRun, ratioRow } from './propagation.ts';

/** A counter from a relay's `/metrics`. */
async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}

export const crossRelayFigure: Figure<{ sizes: number[]; durationMs: number; runs: number }> = {
  name: 'crossrelay',
  about: 'propagation over two relays (PostgreSQL + Redis) against one',
  options: ({ quick }) => ({
    sizes: quick ? [10] : [10, 50],
    durationMs: quick ? 5_000 : 10_000,
    runs: quick ? 1 : 3,
  }),
  async run({ sizes, durationMs, runs }, { out, results }) {
    if (!redisAvailable()) throw new Error('redis-server is not installed');
    const redis = await startRedis();
    const fleet: ServerUnderTest[] = [];
    try {
      const env = { DATABASE_URL: await postgresUrl(), REDIS_URL: redis.url };
      // One after the other: the first creates the schema and the sample map.
      for (let i = 0; i < 2; i++) fleet.push(await startWarrant(env));
      const [a, b] = fleet as [ServerUnderTest, ServerUnderTest];
      out(
        `\ncross-relay propagation: two relays on one PostgreSQL, fanning out through Redis; 10 writers × 5 edits/s for ${durationMs / 1000} s (ms, median of ${runs} runs)`,
      );
      out('  clients  relays      p50     p95     p99     max   lost  converged');
      const rows: unknown[] = [];
      results.crossRelay = rows;
      for (const clients of sizes) {
        const one: PropagationResult[] = [];
        const two: PropagationResult[] = [];
        const opts = { clients, writers: 10, editsPerSecond: 5, durationMs, workers: 4 };
        for (let i = 0; i < runs; i++) {
          const spread = () => propagation(a, { ...opts, relays: [a, b] });
          if (i % 2 === 0) {
            one.push(await propagation(a, opts));
            two.push(await spread());
          } else {
            two.push(await spread());
            one.push(await propagation(a, opts));
          }
        }
        const single = medianRun(one);
        const crossed = medianRun(two);
        out(latencyRow(clients, '1 relay', single));
        out(latencyRow(clients, '2 relays', crossed));
        out(ratioRow('two/one', crossed, single));
        rows.push({ clients, oneRelay: single, twoRelays: crossed, runs: { one, two } });
      }
      const repairs = await Promise.all(fleet.map((r) => metric(r.port, 'warrant_repairs_total')));
      out(`  repairs from storage (fan-out missed or late): ${repairs.join(', ')}`);
      results.crossRelayRepairs = repairs;
    } finally {
      await Promise.all(fleet.map((r) => r.stop()));
      await redis.stop();
    }
  },
};
