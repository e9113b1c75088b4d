/**
 * `pnpm bench`: our relay and the reference y-websocket server, side by side in one run,
 * on loopback, bounded in time. Prints a table and writes bench/results/<time>.json.
 *
 *   pnpm bench                 all figures
 *   pnpm bench --quick         shorter runs, smaller N (a smoke test of the harness)
 *   pnpm bench --only=propagation,coldsync
 *   pnpm bench --only=refresh   a remote edit's cost in the browser's read models
 *   pnpm bench --only=formats   import and export speed of every file format
 *   pnpm bench --only=review    opening a map with 1,000 comment threads vs none
 *   pnpm bench --only=diff      comparing two versions of a 10,000-claim map
 *   pnpm bench --only=evaluation   labels after one edit (full vs incremental), preferred
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { browserBench, chromiumAvailable } from './browser.ts';
import { coldSync } from './coldsync.ts';
import {
  startReference,
  startWarrant,
  type ServerUnderTest,
  type StartOptions,
} from './lib/servers.ts';
import { median, round } from './lib/stats.ts';
import { memory } from './memory.ts';
import { propagation, type PropagationResult } from './propagation.ts';
import { refreshBench } from './refresh.ts';
import { evaluationBench } from './evaluation.ts';
import { formatsBench } from './formats.ts';
import { reviewOpenBench } from './review.ts';
import { diffBench } from './diff.ts';
import { durableThroughput } from './throughput.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (name: string): boolean => !only || only.includes(name);

/** Per-connection limits high enough that a benchmark load generator is never throttled. */
const UNLIMITED = {
  WARRANT_MAX_MESSAGES_PER_SECOND: '1000000',
  WARRANT_MAX_BYTES_PER_SECOND: String(1024 ** 3),
};

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const ratio = (ours: number, ref: number): string =>
  Number.isFinite(ours) && Number.isFinite(ref) && ref > 0 ? `${round(ours / ref, 2)}×` : 'n/a';

async function withBoth<T>(
  fn: (s: ServerUnderTest) => Promise<T>,
  env: Record<string, string> = {},
  referenceFirst = false,
  options: StartOptions = {},
): Promise<{ warrant: T; reference: T }> {
  // One server at a time so they never compete for the two cores.
  const run = async (start: () => Promise<ServerUnderTest>): Promise<T> => {
    const server = await start();
    try {
      return await fn(server);
    } finally {
      await server.stop();
    }
  };
  const ours = () => run(() => startWarrant(env, options));
  const ref = () => run(() => startReference(options));
  if (referenceFirst) {
    const reference = await ref();
    return { warrant: await ours(), reference };
  }
  const warrant = await ours();
  return { warrant, reference: await ref() };
}

/** Several runs of one propagation setting reduced to the median of each figure. */
function medianRun(runs: PropagationResult[]): PropagationResult {
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

/**
 * Runs one figure; if it fails (a worker timed out on a loaded machine, a server would not
 * start), says so in the table and the JSON and goes on with the next figure.
 */
async function figure(
  name: string,
  results: Record<string, unknown>,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    out(`  ${name}: not measured — ${message}`);
    results[`${name}Error`] = message;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  };
  out(
    `Warrant benchmarks — ${new Date().toISOString()} — ${machine.cpus}× ${machine.cpu}, node ${machine.node}`,
  );
  const results: Record<string, unknown> = { machine, quick };

  if (wants('propagation')) {
    await figure('propagation', results, async () => {
      const sizes = quick ? [10, 50] : [10, 50, 200];
      const durationMs = quick ? 5_000 : 15_000;
      const propagationRuns = quick ? 1 : 3;
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
        for (const r of [both.warrant, both.reference]) {
          const l = r.latencyMs;
          out(
            `  ${String(clients).padStart(7)}  ${r.server.padEnd(10)} ${[l.p50, l.p95, l.p99, l.max]
              .map((x) => String(round(x)).padStart(7))
              .join(' ')}  ${String(r.lost).padStart(5)}  ${r.converged}`,
          );
        }
        const w = both.warrant.latencyMs;
        const f = both.reference.latencyMs;
        out(
          `  ${''.padStart(7)}  ours/ref   ${[
            ratio(w.p50, f.p50),
            ratio(w.p95, f.p95),
            ratio(w.p99, f.p99),
            ratio(w.max, f.max),
          ]
            .map((x) => x.padStart(7))
            .join(' ')}`,
        );
        rows.push(both);
      }
    });
  }

  if (wants('coldsync')) {
    await figure('coldsync', results, async () => {
      const sizes = quick ? [1_000] : [1_000, 10_000];
      const rows = [];
      out(`\ncold sync: a fresh stock client until synced (ms, median of ${quick ? 5 : 15})`);
      out('   claims  server      median   bytes');
      for (const claims of sizes) {
        const both = await withBoth((s) => coldSync(s, { claims, repeats: quick ? 5 : 15 }));
        for (const r of [both.warrant, both.reference]) {
          out(
            `  ${String(claims).padStart(7)}  ${r.server.padEnd(10)} ${String(round(r.medianMs)).padStart(7)}  ${r.updateBytes}`,
          );
        }
        out(
          `  ${''.padStart(7)}  ours/ref   ${ratio(both.warrant.medianMs, both.reference.medianMs).padStart(7)}`,
        );
        rows.push(both);
      }
      results.coldSync = rows;
    });
  }

  if (wants('throughput')) {
    await figure('throughput', results, async () => {
      out(
        '\ndurable throughput: writers keep 20 edits in flight each; our relay acks once on disk',
      );
      out('  writers  updates/s  ack p50  ack p95  ack p99  updates/commit  unacked');
      const rows = [];
      for (const writers of quick ? [10] : [10, 50]) {
        // Each writer here sends far faster than a person (hundreds of edits/s): lift the
        // per-connection rate limit, which would otherwise close them (that is tested elsewhere).
        const ours = await startWarrant(UNLIMITED);
        try {
          const r = await durableThroughput(ours, {
            writers,
            inFlight: 20,
            durationMs: quick ? 4_000 : 10_000,
            workers: 2,
          });
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
    });
  }

  if (wants('memory')) {
    await figure('memory', results, async () => {
      const steps = quick ? [1, 10] : [1, 10, 100];
      out('\nmemory: server RSS (MiB) with k loaded 1,000-claim maps, one connection each');
      out(
        `  server      baseline  ${steps.map((k) => `k=${k}`.padStart(7)).join('  ')}  after unload`,
      );
      const both = await withBoth(
        (s) => memory(s, { steps, claims: 1_000 }),
        { WARRANT_UNLOAD_AFTER_MS: '1000' },
        false,
        { inspect: true },
      );
      for (const r of [both.warrant, both.reference]) {
        out(
          `  ${r.server.padEnd(10)}  ${String(r.baselineMiB).padStart(8)}  ${steps
            .map((k) => String(r.loadedMiB[String(k)]).padStart(7))
            .join('  ')}  ${r.afterUnloadMiB ?? 'never unloads'}`,
        );
      }
      const w = both.warrant;
      out(
        `  our relay's heap in use: ${w.loadedHeapMiB} MiB with ${Math.max(...steps)} maps loaded, ${w.afterUnloadHeapMiB} MiB after they unloaded${w.afterUnloadCollected ? ' and a forced full collection' : ' (no collection forced)'}`,
      );
      results.memory = both;
    });
  }

  if (wants('browser')) {
    await figure('browser', results, async () => {
      if (!chromiumAvailable()) {
        out('\nbrowser: skipped (no Chromium at /usr/bin/chromium; apt-get install chromium)');
      } else {
        const r = await browserBench({
          openClaims: 1_000,
          panClaims: 2_000,
          repeats: quick ? 2 : 5,
        });
        out(
          `\nbrowser (Chromium): open a ${r.openClaims}-claim map until "Add claim" focuses an editor`,
        );
        out(
          `  interactive median ${r.medianInteractiveMs} ms (samples ${r.interactiveMs.join(', ')}); first cards ${median(r.firstCardsMs)} ms; ${r.nodesInDom} cards in the DOM`,
        );
        out(
          `  panning a ${r.panClaims}-claim map: ${r.pan.fps} fps, frame p50 ${r.pan.p50FrameMs} ms, p95 ${r.pan.p95FrameMs} ms, ${r.pan.longFrames} frames > 50 ms of ${r.pan.frames}`,
        );
        results.browser = r;
      }
    });
  }

  if (wants('refresh')) {
    await figure('refresh', results, async () => {
      if (!chromiumAvailable()) {
        out('\nrefresh: skipped (no Chromium at /usr/bin/chromium; apt-get install chromium)');
        return;
      }
      const r = await refreshBench({ claims: 1_000, edits: quick ? 5 : 15 });
      out(
        `\nrefresh (Chromium): a stock peer adds a claim + reason to a ${r.claims}-claim map; time in the client's read models per edit (ms, median of ${r.edits})`,
      );
      for (const [view, v] of Object.entries(r.views)) {
        const parts = Object.entries(v.byMeasure)
          .map(([k, ms]) => `${k.replace('warrant:refresh:', '')} ${ms}`)
          .join(', ');
        out(`  ${view.padEnd(8)} ${String(v.medianMs).padStart(7)}   (${parts})`);
      }
      results.refresh = r;
    });
  }

  if (wants('formats')) {
    await figure('formats', results, async () => {
      const r = await formatsBench({
        importClaims: quick ? 1_000 : 5_000,
        exportClaims: quick ? 2_000 : 10_000,
        repeats: quick ? 2 : 5,
      });
      out(
        `\nformats: import a ${r.importClaims}-claim file into a map, export a ${r.exportClaims}-claim map (ms, median of repeats; Argdown's parser loaded once in ${r.parserLoadMs} ms)`,
      );
      for (const [id, v] of Object.entries(r.imports)) {
        out(
          `  import ${id.padEnd(8)} ${String(v.medianMs).padStart(6)}   (${(v.bytes / 1e6).toFixed(1)} MB; ${v.samplesMs.join(', ')})`,
        );
      }
      for (const [id, v] of Object.entries(r.exports)) {
        out(
          `  export ${id.padEnd(8)} ${String(v.medianMs).padStart(6)}   (${(v.bytes / 1e6).toFixed(1)} MB; ${v.samplesMs.join(', ')})`,
        );
      }
      results.formats = r;
    });
  }

  if (wants('diff')) {
    await figure('diff', results, async () => {
      const r = diffBench({ claims: quick ? 2_000 : 10_000, repeats: quick ? 3 : 9 });
      out(
        `\ndiff: two versions of a ${r.claims}-claim map, ${r.changes.added} added, ${r.changes.removed} removed, ${r.changes.changed} changed (ms, median of repeats; loading both snapshots ${r.loadMs} ms)`,
      );
      out(`  diffMaps ${String(r.medianMs).padStart(6)}   (${r.samplesMs.join(', ')})`);
      results.diff = r;
    });
  }

  if (wants('review')) {
    await figure('review', results, async () => {
      if (!chromiumAvailable()) {
        out('\nreview: skipped (no Chromium at /usr/bin/chromium; apt-get install chromium)');
        return;
      }
      const r = await reviewOpenBench({
        claims: 1_000,
        threads: quick ? 200 : 1_000,
        repeats: quick ? 2 : 5,
      });
      out(
        `\nreview: open a ${r.claims}-claim map with ${r.threads} comment threads vs none, until "Add claim" focuses an editor (ms, alternating)`,
      );
      out(
        `  without threads: interactive median ${median(r.plain.interactiveMs)} (${r.plain.interactiveMs.join(', ')}), first cards ${median(r.plain.firstCardsMs)}`,
      );
      out(
        `  with threads:    interactive median ${median(r.reviewed.interactiveMs)} (${r.reviewed.interactiveMs.join(', ')}), first cards ${median(r.reviewed.firstCardsMs)}`,
      );
      out(`  ratio ${r.ratio}× (issue 14: at most 1.1×)`);
      results.review = r;
    });
  }

  if (wants('evaluation')) {
    await figure('evaluation', results, async () => {
      const r = evaluationBench({ claims: 2_000, reasons: 3_000, edits: quick ? 50 : 300 });
      out(
        `\nevaluation: one edit in a map of ${r.claims} claims and ${r.reasons} reasons until its grounded labels are current (ms per edit, ${r.edits} edits, Y.Doc transaction included)`,
      );
      out('  mode    path            p50      p99      max');
      for (const [name, v] of Object.entries(r.perEdit)) {
        const [mode = '', path = ''] = name.split(' ');
        out(
          `  ${mode.padEnd(7)} ${path.padEnd(12)} ${String(v.p50).padStart(7)}  ${String(v.p99).padStart(7)}  ${String(v.max).padStart(7)}`,
        );
      }
      out(
        `  relabelled per edit: p50 ${r.relabelled.p50}, p99 ${r.relabelled.p99} of ${r.arguments} arguments; to the worker: delta clone p50 ${r.cloneDeltaMs.p50} ms (p99 ${r.cloneDeltaMs.p99}), changed labels back p50 ${r.cloneLabelsMs.p50} ms (p99 ${r.cloneLabelsMs.p99}; all labels p50 ${r.cloneResultMs.p50}, p99 ${r.cloneResultMs.p99}); checks ${r.checksMs} ms`,
      );
      for (const [mode, p] of Object.entries(r.preferred)) {
        out(
          `  preferred ${mode.padEnd(7)} ${p.ms} ms, gaveUp ${p.gaveUp}, extensions ${p.extensions ?? '-'}`,
        );
      }
      results.evaluation = r;
    });
  }

  results.durationSeconds = round((Date.now() - started) / 1000, 0);
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`;
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  out(`\nwrote ${file} (${results.durationSeconds} s)`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
