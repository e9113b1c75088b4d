import type { Figure } from '../lib/figure.ts';
import { ratio } from '../lib/figure.ts';
import { median, round } from '../lib/stats.ts';
import { withBoth } from '../lib/withBoth.ts';
import { propagation, type PropagationResult } from '../propagation.ts';

/** Several runs of one propagation setting reduced to the median of each figure. */
export function medianRun(runs: PropagationResult[]): PropagationResult {
  const first = runs[0]!;
  const fig = (pick: (r: PropagationResult) => number) => median(runs.map(pick));
  return {
    ...first,
    latencyMs: {
      n: fig((r) => r.latencyMs.n),
      p50: fig((r) => r.latencyMs.p50),
      p95: fig((r) => r.latencyMs.p95),
      p99: fig((r) => r.latencyMs.p99),
      max: fig((r) => r.latencyMs.max),
    },
    writes: fig((r) => r.writes),
    lost: runs.reduce((n, r) => n + r.lost, 0),
    converged: runs.every((r) => r.converged),
  };
}

/** A row of a propagation table: clients, what ran, latency p50 p95 p99 max, lost, converged. */
export function latencyRow(clients: number, label: string, r: PropagationResult): string {
  const l = r.latencyMs;
  return `  ${String(clients).padStart(7)}  ${label.padEnd(10)} ${[l.p50, l.p95, l.p99, l.max]
    .map((x) => String(round(x)).padStart(7))
    .join(' ')}  ${String(r.lost).padStart(5)}  ${r.converged}`;
}

/** The row under two `latencyRow`s: each latency of `a` over `b`'s. */
export function ratioRow(label: string, a: PropagationResult, b: PropagationResult): string {
  const w = a.latencyMs;
  const f = b.latencyMs;
  return `  ${''.padStart(7)}  ${label.padEnd(10)} ${[
    ratio(w.p50, f.p50),
    ratio(w.p95, f.p95),
    ratio(w.p99, f.p99),
    ratio(w.max, f.max),
  ]
    .map((x) => x.padStart(7))
    .join(' ')}`;
}

export const propagationFigure: Figure<{ sizes: number[]; durationMs: number; runs: number }> = {
  name: 'propagation',
  about: 'latency of an edit to every other client, ours against the reference server',
  options: ({ quick, clientCounts }) => ({
    sizes: clientCounts?.length ? [...clientCounts] : quick ? [10, 50] : [10, 50, 200],
    durationMs: quick ? 5_000 : 15_000,
    runs: quick ? 1 : 3,
  }),
  async run({ sizes, durationMs, runs: propagationRuns }, { out, results }) {
    const rows: unknown[] = [];
    results.propagation = rows;
    out(
      `\npropagation: 10 writers × 5 edits/s for ${durationMs / 1000} s; latency write → every other client (ms, median of ${propagationRuns} runs)`,
    );
    out('  clients  server      p50     p95     p99     max   lost  converged');
    for (const clients of sizes) {
      // Medians of several runs, alternating which server goes first (the machine drifts).
      const runs = [];
      for (let i = 0; i < propagationRuns; i++) {
        runs.push(
          await withBoth(
            (s) =>
              propagation(s, { clients, writers: 10, editsPerSecond: 5, durationMs, workers: 4 }),
            {},
            i % 2 === 1,
          ),
        );
      }
      const both = {
        warrant: medianRun(runs.map((r) => r.warrant)),
        reference: medianRun(runs.map((r) => r.reference)),
        runs,
      };
      for (const r of [both.warrant, both.reference]) out(latencyRow(clients, r.server, r));
      out(ratioRow('ours/ref', both.warrant, both.reference));
      rows.push(both);
    }
  },
};
