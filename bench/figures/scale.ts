import { cpus } from 'node:os';
import type { Figure } from '../lib/figure.ts';
import { ratio } from '../lib/figure.ts';
import { round } from '../lib/stats.ts';
import { withBoth } from '../lib/withBoth.ts';
import { scale, type ScaleResult } from '../scale.ts';

export const scaleFigure: Figure<{
  maps: number;
  clientsPerMap: number;
  durationMs: number;
  connectTimeoutMs: number;
  settleMs: number;
}> = {
  name: 'scale',
  about: '1,000 maps × 10 clients on one relay',
  options: ({ quick }) => ({
    maps: quick ? 100 : 1_000,
    clientsPerMap: 10,
    durationMs: quick ? 10_000 : 30_000,
    connectTimeoutMs: quick ? 60_000 : 180_000,
    settleMs: quick ? 15_000 : 30_000,
  }),
  async run({ maps, clientsPerMap, durationMs, connectTimeoutMs, settleMs }, { out, results }) {
    out(
      `\nscale: ${maps} maps × ${clientsPerMap} stock clients (${maps * clientsPerMap} sockets), one writer per map at 1 edit/s for ${durationMs / 1000} s; latency write → the map's other clients`,
    );
    out(
      '  server      connect s   p50 ms   p95 ms   p99 ms   max ms   lost  drops  rest MiB  idle MiB  KiB/conn  load MiB  cpu',
    );
    // With the inspector on loopback, so memory is read after a forced collection.
    const both = await withBoth(
      (s) =>
        scale(s, {
          maps,
          clientsPerMap,
          editIntervalMs: 1_000,
          durationMs,
          workers: 4,
          connectTimeoutMs,
          settleMs,
        }),
      {},
      false,
      { inspect: true },
    );
    const row = (r: ScaleResult): string =>
      `  ${r.server.padEnd(10)} ${String(r.connectSeconds).padStart(9)} ${[
        r.latencyMs.p50,
        r.latencyMs.p95,
        r.latencyMs.p99,
        r.latencyMs.max,
      ]
        .map((x) => String(round(x)).padStart(8))
        .join(' ')} ${String(r.lost).padStart(6)} ${String(r.disconnects).padStart(6)} ${String(
        r.restMiB,
      ).padStart(9)} ${String(r.connectedMiB).padStart(9)} ${String(r.perConnectionKiB).padStart(
        9,
      )} ${String(r.loadMaxMiB).padStart(9)} ${String(r.cpuCores).padStart(4)}`;
    out(row(both.warrant));
    out(row(both.reference));
    const w = both.warrant;
    const f = both.reference;
    out(
      `  ours/ref   ${''.padStart(9)} ${[
        ratio(w.latencyMs.p50, f.latencyMs.p50),
        ratio(w.latencyMs.p95, f.latencyMs.p95),
        ratio(w.latencyMs.p99, f.latencyMs.p99),
        ratio(w.latencyMs.max, f.latencyMs.max),
      ]
        .map((x) => x.padStart(8))
        .join(' ')} ${''.padStart(13)} ${ratio(w.restMiB, f.restMiB).padStart(9)} ${ratio(
        w.connectedMiB,
        f.connectedMiB,
      ).padStart(9)} ${ratio(w.perConnectionKiB, f.perConnectionKiB).padStart(9)} ${ratio(
        w.loadMaxMiB,
        f.loadMaxMiB,
      ).padStart(9)}`,
    );
    if (w.relay) {
      out(
        `  our relay while the edits flowed: ${w.relay.commits} group commits of ${w.relay.updatesPerCommit} updates, ${w.relay.commitMeanMs} ms each (mean, with fsync); event-loop delay p99 ${w.relay.eventLoopP99Ms} ms, max ${w.relay.eventLoopMaxMs} ms`,
      );
    }
    out(
      `  CPU while the edits flowed (cores of ${cpus().length}): ours ${w.cpuCores}, reference ${f.cpuCores}; the load generator ${w.generatorCpuCores} and ${f.generatorCpuCores}. Every edit had arrived ${w.settleSeconds} s and ${f.settleSeconds} s after the writers stopped (at most ${settleMs / 1000} s waited; later ones count as lost)`,
    );
    out(
      `  heap per connection after a full collection: ours ${w.heapPerConnectionKiB} KiB, reference ${f.heapPerConnectionKiB} KiB (${ratio(w.heapPerConnectionKiB ?? NaN, f.heapPerConnectionKiB ?? NaN)})`,
    );
    out(
      `  writes: ours ${w.writes}, reference ${f.writes}; connections: ${w.connections} and ${f.connections}; lost counts edits some client of the map never got, drops connections lost while measuring`,
    );
    results.scale = both;
  },
};
