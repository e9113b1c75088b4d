/**
 * How long SQLite storage blocks the event loop on a 16 MB value (issue 17 item 2): one
 * 16 MB update appended, compacted into a 16 MB snapshot, loaded cold by a fresh connection,
 * and the WAL checkpointed. Each operation runs with a gap monitor (a 2 ms interval; the
 * longest gap between its ticks is the longest block) and its wall time is recorded too.
 *
 *   npx tsx bench/bigrows.ts                       # this checkout's SqliteStorage, 5 rounds
 *   npx tsx bench/bigrows.ts --impl=A,B --rounds=5 # two SqliteStorage modules, alternating
 *
 * `--impl` names SqliteStorage.ts files (e.g. a copy of main's `server/src/storage` taken with
 * `git archive`), so before and after run interleaved on the same machine state. The
 * checkpoint is what the storage does after the big writes: `checkpoint()` if the module has
 * one (it runs off the event loop), else a PASSIVE `wal_checkpoint` on a second connection of
 * the main thread's own (what `wal_autocheckpoint` does inside a commit).
 */
import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Storage } from '../server/src/storage/Storage.ts';

const SIXTEEN_MB = 16_000_000;

/** The relay's better-sqlite3 (a dependency of the server, not of the benchmarks). */
const Database = createRequire(new URL('../server/package.json', import.meta.url))(
  'better-sqlite3',
) as new (file: string) => { pragma(sql: string): unknown; close(): void };
const OPS = ['append', 'compact', 'load', 'checkpoint'] as const;
type Op = (typeof OPS)[number];

interface Impl {
  name: string;
  open(file: string): Storage & { checkpoint?: () => Promise<unknown> };
}

interface Sample {
  blockMs: number;
  wallMs: number;
}

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Runs `work` while an interval ticks every 2 ms; the longest gap between ticks, less 2 ms. */
async function measured(work: () => Promise<unknown>): Promise<Sample> {
  let last = now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 2);
  const start = now();
  await work();
  const wallMs = now() - start;
  // One more tick, so a block at the very end is seen.
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(timer);
  return { blockMs: Math.max(0, longest - 2), wallMs };
}

async function round(impl: Impl, big: Uint8Array): Promise<Record<Op, Sample>> {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-bigrows-'));
  const file = join(dir, 'warrant.db');
  try {
    let storage = impl.open(file);
    await storage.create({ id: 'big', title: 'Big', createdAt: 1, snapshot: Uint8Array.of(0, 0) });
    const append = await measured(() => storage.append([{ mapId: 'big', update: big }]));
    const [seq] = await storage.append([{ mapId: 'big', update: Uint8Array.of(0, 0) }]);
    const compact = await measured(() => storage.compact('big', big, seq ?? 0));
    const checkpoint = await measured(async () => {
      if (storage.checkpoint) return storage.checkpoint();
      const db = new Database(file);
      db.pragma('wal_checkpoint(PASSIVE)');
      db.close();
    });
    await storage.close();
    storage = impl.open(file);
    let bytes = 0;
    const load = await measured(async () => {
      const stored = await storage.load('big');
      bytes = stored?.snapshot.byteLength ?? 0;
    });
    if (bytes !== big.byteLength) throw new Error(`${impl.name}: loaded ${bytes} bytes`);
    await storage.close();
    return { append, compact, load, checkpoint };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function implFrom(path: string): Promise<Impl> {
  const url = pathToFileURL(resolve(path)).href;
  const mod = (await import(url)) as {
    SqliteStorage: new (file: string) => Impl['open'] extends (f: string) => infer S ? S : never;
  };
  return { name: path, open: (file) => new mod.SqliteStorage(file) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const args = new Map(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=');
      return [k ?? '', v ?? ''];
    }),
  );
  const paths = (args.get('impl') || '../server/src/storage/sqlite/SqliteStorage.ts').split(',');
  const rounds = Number(args.get('rounds') || 5);
  const impls = await Promise.all(paths.map(implFrom));
  const big = randomFillSync(new Uint8Array(SIXTEEN_MB));
  const samples = new Map(impls.map((i) => [i.name, [] as Record<Op, Sample>[]]));
  const loads: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always meets the warmer (or busier) machine.
    const order = r % 2 ? [...impls].reverse() : impls;
    for (const impl of order) {
      loads.push(loadavg()[0] ?? 0);
      const s = await round(impl, big);
      samples.get(impl.name)?.push(s);
      const line = OPS.map(
        (op) => `${op} ${s[op].blockMs.toFixed(0)}/${s[op].wallMs.toFixed(0)}`,
      ).join('  ');
      out(`round ${r + 1} ${impl.name}: ${line}  (longest block/wall ms)`);
    }
  }
  out(`\nmedians over ${rounds} rounds, load average ${median(loads).toFixed(1)}:`);
  for (const impl of impls) {
    const s = samples.get(impl.name) ?? [];
    const line = OPS.map(
      (op) =>
        `${op} ${median(s.map((x) => x[op].blockMs)).toFixed(0)}/${median(s.map((x) => x[op].wallMs)).toFixed(0)}`,
    ).join('  ');
    out(`  ${impl.name}: ${line}  (longest block/wall ms)`);
  }
}

await main();
