/**
 * `pnpm bench`: our relay and the reference y-websocket server, side by side in one run,
 * on loopback, bounded in time. Prints a table and writes bench/results/<time>.json.
 *
 *   pnpm bench                 all figures
 *   pnpm bench --help          the figures, each with what it measures
 *   pnpm bench --quick         shorter runs, smaller N (a smoke test of the harness)
 *   pnpm bench --only=propagation,coldsync
 *   pnpm bench --only=propagation --clients=10   propagation at some client counts only
 *
 * The figures are `figures/index.ts`'s list, one file each.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { FIGURES } from './figures/index.ts';
import { Args } from './lib/args.ts';
import type { Figure, Report, RunSettings } from './lib/figure.ts';
import { stopPostgres } from './lib/postgres.ts';
import { round } from './lib/stats.ts';

const args = new Args();
const settings: RunSettings = {
  quick: args.flag('quick'),
  clientCounts: args
    .list('clients')
    ?.map(Number)
    .filter((n) => Number.isInteger(n) && n > 1),
};
const only = args.list('only');

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

/**
 * Runs one figure; if it fails (a worker timed out on a loaded machine, a server would not
 * start), says so in the table and the JSON and goes on with the next figure.
 */
async function measure(figure: Figure, report: Report): Promise<void> {
  try {
    await figure.run(figure.options(settings), report);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    out(`  ${figure.name}: not measured — ${message}`);
    report.results[`${figure.name}Error`] = message;
  }
}

async function main(): Promise<void> {
  if (args.flag('help')) {
    out('pnpm bench [--quick] [--only=NAME,...] [--clients=N,...]; the figures:');
    for (const f of FIGURES) out(`  ${f.name.padEnd(12)} ${f.about}`);
    return;
  }
  const unknown = only?.filter((name) => !FIGURES.some((f) => f.name === name)) ?? [];
  if (unknown.length) {
    // A misspelt name would otherwise run nothing and write an empty result file.
    throw new Error(
      `no figure named ${unknown.map((n) => `"${n}"`).join(', ')}; the figures: ` +
        FIGURES.map((f) => f.name).join(', '),
    );
  }
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
  const results: Record<string, unknown> = { machine, quick: settings.quick };
  for (const figure of FIGURES) {
    if (!only || only.includes(figure.name)) await measure(figure, { out, results });
  }

  await stopPostgres();
  results.durationSeconds = round((Date.now() - started) / 1000, 0);
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${new Date().toISOString().replace(/[:.]/g, '-')}${settings.quick ? '-quick' : ''}.json`;
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  out(`\nwrote ${file} (${results.durationSeconds} s)`);
}

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    console.error(e);
    await stopPostgres();
    process.exit(1);
  },
);
