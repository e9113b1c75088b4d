import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIECE_BYTES } from './Pieces.ts';
import { SqliteStorage } from './SqliteStorage.ts';

/**
 * Issue 17 item 2: storing or loading a 16 MB map never holds the relay's event loop for
 * long. Before pieces, one synchronous better-sqlite3 call held it for the whole value:
 * 0.2–0.8 s on a quiet machine for the append or the compaction (each with its WAL
 * checkpoint), seconds under load. Now each turn handles at most one 512 KiB piece.
 *
 * What is asserted does not depend on the machine's speed or load: how many turns of the
 * event loop each operation takes. A value written or read in one call takes none (the
 * operation resolves before the loop turns); in pieces, at least one turn per piece after
 * the first. The checkpoint runs on a worker: the loop turns while it waits. How long the
 * loop was held is printed, not asserted (a 2-core machine shared by several agents
 * deschedules a few-millisecond turn for half a second); medians of `bench/bigrows.ts`
 * (main against pieces) are in bench/README.md.
 */
const SIXTEEN_MB = 16_000_000;
/** Turns a value of `SIXTEEN_MB` written or read a piece per turn takes at least. */
const PIECE_TURNS = Math.ceil(SIXTEEN_MB / PIECE_BYTES) - 1;

interface Watched {
  /** How many times the event loop turned (its check phase ran) during the operation. */
  turns: number;
  /** The longest stretch between two turns (figures only). */
  longestMs: number;
  wallMs: number;
}

/** Runs `work`, counting the event loop's turns with an immediate re-armed every turn. */
async function watched(work: () => Promise<unknown>): Promise<Watched> {
  const now = () => performance.now();
  let turns = 0;
  let longest = 0;
  let last = now();
  let counting = true;
  const turn = () => {
    if (!counting) return;
    const t = now();
    longest = Math.max(longest, t - last);
    last = t;
    turns += 1;
    setImmediate(turn);
  };
  setImmediate(turn);
  const start = now();
  await work();
  const wallMs = now() - start;
  counting = false;
  longest = Math.max(longest, now() - last);
  return { turns, longestMs: longest, wallMs };
}

describe('SqliteStorage with a 16 MB map', () => {
  it('lets the event loop turn between pieces while appending, compacting, checkpointing or loading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-bigvalues-'));
    const file = join(dir, 'warrant.db');
    const big = randomFillSync(new Uint8Array(SIXTEEN_MB));
    let storage = new SqliteStorage(file);
    try {
      await storage.create({
        id: 'big',
        title: 'Big',
        createdAt: 1,
        snapshot: Uint8Array.of(0, 0),
      });
      const results: Record<string, Watched> = {};
      results.append = await watched(() => storage.append([{ mapId: 'big', update: big }]));
      const [seq] = await storage.append([{ mapId: 'big', update: Uint8Array.of(0, 0) }]);
      results.compact = await watched(() => storage.compact('big', big, seq ?? 0));
      results.checkpoint = await watched(() => storage.checkpoint());
      await storage.collected();
      await storage.close();
      storage = new SqliteStorage(file);
      let loaded: Uint8Array = new Uint8Array();
      results['cold load'] = await watched(async () => {
        loaded = (await storage.load('big'))?.snapshot ?? loaded;
      });
      expect(Buffer.from(loaded).equals(Buffer.from(big))).toBe(true);

      const lines = Object.entries(results).map(
        ([op, r]) =>
          `${op}: ${r.turns} turns in ${r.wallMs.toFixed(0)} ms, longest block ${r.longestMs.toFixed(0)} ms`,
      );
      process.stdout.write(`16 MB map in SQLite:\n  ${lines.join('\n  ')}\n`);
      for (const op of ['append', 'compact', 'cold load']) {
        expect(results[op]?.turns, op).toBeGreaterThanOrEqual(PIECE_TURNS);
      }
      expect(results.checkpoint?.turns, 'checkpoint').toBeGreaterThanOrEqual(1);
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
