/**
 * `pnpm bench`: our relay and the reference y-websocket server, side by side in one run,
 * on loopback, bounded in time. Prints a table and writes bench/results/<time>.json.
 *
 *   pnpm bench                 all figures
 *   pnpm bench --quick         shorter runs, smaller N (a smoke test of the harness)
 *   pnpm bench --only=propagation,coldsync
 *   pnpm bench --only=propagation --clients=10   propagation at some client counts only
 *   pnpm bench --only=editpath  where one edit's time goes in the relay, fsync included
 *   pnpm bench --only=refresh   a remote edit's cost in the browser's read models
 *   pnpm bench --only=formats   import and export speed of every file format
 *   pnpm bench --only=review    opening a map with 1,000 comment threads vs none
 *   pnpm bench --only=diff      comparing two versions of a 10,000-claim map
 *   pnpm bench --only=classroom the instructor's dashboard of a 200-copy assignment
 *   pnpm bench --only=compare   a student's 1,000-claim map compared with a reference map
 *   pnpm bench --only=evaluation   labels after one edit (full vs incremental), preferred
 *   pnpm bench --only=scale     1,000 maps × 10 clients on one relay
 *   pnpm bench --only=postgres  durable throughput on PostgreSQL against SQLite
 *   pnpm bench --only=crossrelay  propagation over two relays (PostgreSQL + Redis) against one
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  findPostgresBin,
  startTestCluster,
  type TestCluster,
} from '../server/src/storage/pg/testCluster.ts';
import { browserBench, chromiumAvailable } from './browser.ts';
import { coldSync } from './coldsync.ts';
import {
  startReference,
  startWarrant,
  type ServerUnderTest,
  type StartOptions,
} from './lib/servers.ts';
import { redisAvailable, startRedis } from './lib/redis.ts';
import { median, round } from './lib/stats.ts';
import { memory } from './memory.ts';
import { propagation, type PropagationResult } from './propagation.ts';
import { refreshBench } from './refresh.ts';
import { evaluationBench } from './evaluation.ts';
import { formatsBench } from './formats.ts';
import { reviewOpenBench } from './review.ts';
import { diffBench } from './diff.ts';
import { classroomBench } from './classroom.ts';
import { compareBench } from './compare.ts';
import { scale, type ScaleResult } from './scale.ts';
import { durableThroughput, type ThroughputResult } from './throughput.ts';
import { editPath } from './editpath.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (name: string): boolean => !only || only.includes(name);
/** `--clients=10,50`: the propagation figure at these client counts only. */
const clientCounts = args
  .find((a) => a.startsWith('--clients='))
  ?.slice(10)
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 1);

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

/**
 * One PostgreSQL cluster for the figures that need it, started on first use (the
 * distribution's `initdb` into a temporary directory, loopback only) with its crash safety
 * on: `fsync` and full-page writes, as a deployment runs it, since SQLite fsyncs every commit.
 */
let cluster: TestCluster | null = null;
async function postgresUrl(): Promise<string> {
  if (!findPostgresBin()) {
    throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql)');
  }
  cluster ??= await startTestCluster({ durable: true });
  return cluster.createDatabase();
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

/** A counter from a relay's `/metrics`. */
async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').at(-1)) : NaN;
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
      const sizes = clientCounts?.length ? clientCounts : quick ? [10, 50] : [10, 50, 200];
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

  if (wants('editpath')) {
    await figure('editpath', results, async () => {
      const edits = quick ? 100 : 400;
      const r = await editPath({ edits, others: 9, gapMs: 20 });
      results.editPath = r;
      out(
        `\nedit path: one writer, 9 others, in process on a SQLite file; ${edits} edits 20 ms apart (ms)`,
      );
      out('  stage                         p50     p95     p99');
      const row = (name: string, s: { p50: number; p95: number; p99: number }) =>
        out(
          `  ${name.padEnd(26)} ${[s.p50, s.p95, s.p99].map((x) => String(round(x, 3)).padStart(7)).join(' ')}`,
        );
      row('ours: receive → commit', r.beforeCommitMs);
      row('ours: commit (with fsync)', r.commitMs);
      row('ours: commit → last send', r.afterCommitMs);
      row('ours: receive → last send', r.totalMs);
      row('reference: the same', r.referenceMs);
      row('the disk: 16 KiB fdatasync', r.fsyncMs);
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

  if (wants('classroom')) {
    await figure('classroom', results, async () => {
      const r = await classroomBench({
        copies: 200,
        claims: quick ? 50 : 200,
        edited: quick ? 5 : 20,
        repeats: quick ? 5 : 15,
      });
      out(
        `\nclassroom: GET /api/assignments/:id, ${r.copies} copies of a ${r.claimsPerCopy}-claim map, ${r.edited} edited live (ms; issue 15: under 1,000)`,
      );
      out(
        `  dashboard median ${String(r.medianMs).padStart(6)}   first ${r.firstMs}   (${(r.bytes / 1e3).toFixed(0)} kB; ${r.samplesMs.join(', ')})`,
      );
      out(
        `  join per student median ${r.joinMs}; push of 5 template claims into every copy ${r.pushMs}`,
      );
      results.classroom = r;
    });
  }

  if (wants('compare')) {
    await figure('compare', results, async () => {
      const r = compareBench({ claims: 1_000, repeats: quick ? 3 : 9 });
      const f = r.found;
      out(
        `\ncompare: a student's ${r.claims}-claim map with a reference (${f.matched} matched, ${f.byText} of them by words; ${f.missing} missing, ${f.extra} extra, ${f.disagree} reasons turned) (ms, median of repeats)`,
      );
      out(
        `  compareMaps ${String(r.medianMs).padStart(6)}   (${r.samplesMs.join(', ')}; CPU time ${r.cpuMs} ms)`,
      );
      results.compare = r;
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

  if (wants('postgres')) {
    await figure('postgres', results, async () => {
      const runs = quick ? 1 : 3;
      const durationMs = quick ? 4_000 : 8_000;
      out(
        `\ndurable throughput on PostgreSQL against SQLite: writers keep 20 edits in flight each for ${durationMs / 1000} s; acked once committed (median of ${runs} runs)`,
      );
      out('  writers  storage     updates/s  ack p50  ack p95  ack p99  updates/commit  unacked');
      const rows: unknown[] = [];
      results.postgres = rows;
      for (const writers of quick ? [10] : [10, 50]) {
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
    });
  }

  if (wants('crossrelay')) {
    await figure('crossrelay', results, async () => {
      if (!redisAvailable()) throw new Error('redis-server is not installed');
      const sizes = quick ? [10] : [10, 50];
      const durationMs = quick ? 5_000 : 10_000;
      const runs = quick ? 1 : 3;
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
          for (const [label, r] of [
            ['1 relay', single],
            ['2 relays', crossed],
          ] as const) {
            const l = r.latencyMs;
            out(
              `  ${String(clients).padStart(7)}  ${label.padEnd(10)} ${[l.p50, l.p95, l.p99, l.max]
                .map((x) => String(round(x)).padStart(7))
                .join(' ')}  ${String(r.lost).padStart(5)}  ${r.converged}`,
            );
          }
          const w = crossed.latencyMs;
          const f = single.latencyMs;
          out(
            `  ${''.padStart(7)}  two/one    ${[
              ratio(w.p50, f.p50),
              ratio(w.p95, f.p95),
              ratio(w.p99, f.p99),
              ratio(w.max, f.max),
            ]
              .map((x) => x.padStart(7))
              .join(' ')}`,
          );
          rows.push({ clients, oneRelay: single, twoRelays: crossed, runs: { one, two } });
        }
        const repairs = await Promise.all(
          fleet.map((r) => metric(r.port, 'warrant_repairs_total')),
        );
        out(`  repairs from storage (fan-out missed or late): ${repairs.join(', ')}`);
        results.crossRelayRepairs = repairs;
      } finally {
        await Promise.all(fleet.map((r) => r.stop()));
        await redis.stop();
      }
    });
  }

  if (wants('scale')) {
    await figure('scale', results, async () => {
      const maps = quick ? 100 : 1_000;
      const clientsPerMap = 10;
      const durationMs = quick ? 10_000 : 30_000;
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
            connectTimeoutMs: quick ? 60_000 : 180_000,
            settleMs: quick ? 15_000 : 30_000,
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
        `  CPU while the edits flowed (cores of ${cpus().length}): ours ${w.cpuCores}, reference ${f.cpuCores}; the load generator ${w.generatorCpuCores} and ${f.generatorCpuCores}. Every edit had arrived ${w.settleSeconds} s and ${f.settleSeconds} s after the writers stopped (at most ${quick ? 15 : 30} s waited; later ones count as lost)`,
      );
      out(
        `  heap per connection after a full collection: ours ${w.heapPerConnectionKiB} KiB, reference ${f.heapPerConnectionKiB} KiB (${ratio(w.heapPerConnectionKiB ?? NaN, f.heapPerConnectionKiB ?? NaN)})`,
      );
      out(
        `  writes: ours ${w.writes}, reference ${f.writes}; connections: ${w.connections} and ${f.connections}; lost counts edits some client of the map never got, drops connections lost while measuring`,
      );
      results.scale = both;
    });
  }

  await cluster?.stop();
  results.durationSeconds = round((Date.now() - started) / 1000, 0);
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`;
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  out(`\nwrote ${file} (${results.durationSeconds} s)`);
}

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    console.error(e);
    await cluster?.stop();
    process.exit(1);
  },
);
