import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnknownMapError } from '../Storage.ts';
import { createPieceTables, IN_PIECES, PIECE_BYTES, SqlitePieces } from './Pieces.ts';
import { SqliteStorage } from './SqliteStorage.ts';

const small = Uint8Array.of(0, 0);
const bytes = (n: number) => randomFillSync(new Uint8Array(n));

/** Rows in the piece tables, counted on a connection of the test's own. */
function pieceRows(file: string, ns = ''): { blobs: number; pieces: number } {
  const db = new Database(file, { readonly: true });
  try {
    const count = (t: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { blobs: count(`${ns}blobs`), pieces: count(`${ns}pieces`) };
  } finally {
    db.close();
  }
}

// Megabytes written and fsynced a piece at a time: slow on a loaded machine, not a hang.
describe('SqliteStorage, values in pieces', { timeout: 60_000 }, () => {
  let dir: string;
  let file: string;
  let storage: SqliteStorage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warrant-pieces-'));
    file = join(dir, 'warrant.db');
    storage = new SqliteStorage(file);
    await storage.create({ id: 'a', title: 'A', createdAt: 1, snapshot: small });
    await storage.create({ id: 'b', title: 'B', createdAt: 1, snapshot: small });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends, compacts and loads big values back byte for byte, across a reopen', async () => {
    const sizes = [PIECE_BYTES, PIECE_BYTES + 1, 3 * PIECE_BYTES, 2_500_000];
    const values = sizes.map(bytes);
    const seqs = await storage.append(values.map((update) => ({ mapId: 'a', update })));
    expect(pieceRows(file).blobs).toBe(3); // the first fits one row: it stays inline
    storage = await reopened(storage, file);
    const stored = await storage.load('a');
    expect(
      stored?.updates.map((u) =>
        Buffer.from(u).equals(Buffer.from(values[sizes.indexOf(u.byteLength)] ?? [])),
      ),
    ).toEqual([true, true, true, true]);
    expect(stored?.updateBytes).toBe(sizes.reduce((n, s) => n + s, 0));
    expect(stored?.lastSeq).toBe(seqs.at(-1));

    const snapshot = bytes(5_000_000);
    await storage.compact('a', snapshot, seqs.at(-1) ?? 0, 'Big');
    storage = await reopened(storage, file);
    const compacted = await storage.load('a');
    expect(Buffer.from(compacted?.snapshot ?? []).equals(Buffer.from(snapshot))).toBe(true);
    expect(compacted?.updates).toEqual([]);
    await storage.collected();
    // Only the snapshot's pieces are left: the log's were deleted with their entries.
    expect(pieceRows(file)).toEqual({ blobs: 1, pieces: Math.ceil(5_000_000 / PIECE_BYTES) });
  });

  it('creates a map with a big snapshot, and refuses a taken id without writing it', async () => {
    const snapshot = bytes(1_200_000);
    await storage.create({ id: 'c', title: 'C', createdAt: 2, snapshot });
    expect(
      Buffer.from((await storage.load('c'))?.snapshot ?? []).equals(Buffer.from(snapshot)),
    ).toBe(true);
    await expect(storage.create({ id: 'c', title: 'C', createdAt: 2, snapshot })).rejects.toThrow(
      /already exists/,
    );
    await storage.collected();
    expect(pieceRows(file).blobs).toBe(1);
  });

  it('commits small appends to other maps while a big one is being written, and keeps one map’s order', async () => {
    const order: string[] = [];
    const big = storage.append([{ mapId: 'a', update: bytes(4_000_000) }]).then((s) => {
      order.push('big a');
      return s;
    });
    const other = storage.append([{ mapId: 'b', update: small }]).then((s) => {
      order.push('small b');
      return s;
    });
    const same = storage.append([{ mapId: 'a', update: small }]).then((s) => {
      order.push('small a');
      return s;
    });
    const [[bigSeq], [sameSeq]] = await Promise.all([big, same, other]);
    expect(order).toEqual(['small b', 'big a', 'small a']);
    expect(sameSeq).toBeGreaterThan(bigSeq ?? Infinity);
    expect((await storage.load('a'))?.updates.map((u) => u.byteLength)).toEqual([4_000_000, 2]);
    expect((await storage.load('b'))?.updates).toHaveLength(1);
  });

  it('writes none of a batch whose map is unknown, and deletes the pieces it wrote', async () => {
    await expect(
      storage.append([
        { mapId: 'a', update: bytes(2_000_000) },
        { mapId: 'ghost', update: small },
      ]),
    ).rejects.toBeInstanceOf(UnknownMapError);
    expect((await storage.load('a'))?.updates).toEqual([]);
    // The map deleted while its big update's pieces are being written: the last transaction
    // finds it gone, and the pieces written go too.
    const appending = storage.append([{ mapId: 'b', update: bytes(3_000_000) }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pieceRows(file).pieces).toBeGreaterThan(0);
    expect(await storage.delete('b')).toBe(true);
    await expect(appending).rejects.toBeInstanceOf(UnknownMapError);
    await storage.collected();
    expect(pieceRows(file)).toEqual({ blobs: 0, pieces: 0 });
  });

  it('keeps entries appended during a big compaction, and ignores a stale one', async () => {
    const [s1] = await storage.append([{ mapId: 'a', update: bytes(700_000) }]);
    const compacting = storage.compact('a', bytes(3_000_000), s1 ?? 0);
    const [s2] = await storage.append([{ mapId: 'a', update: small }]);
    await compacting;
    await storage.compact('a', bytes(1_000_000), (s1 ?? 0) - 1); // older than the stored one
    const stored = await storage.load('a');
    expect(stored?.snapshot.byteLength).toBe(3_000_000);
    expect(stored?.updates.map((u) => u.byteLength)).toEqual([2]);
    expect(stored?.lastSeq).toBe(s2);
    await storage.collected();
    expect(pieceRows(file).blobs).toBe(1);
  });

  it('loads a big log a batch per turn, starting again if a compaction drops entries it has not read', async () => {
    const entries = Array.from({ length: 20 }, () => bytes(100_000));
    const seqs = await storage.append(entries.map((update) => ({ mapId: 'a', update })));
    const loading = storage.load('a');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const snapshot = bytes(1_000);
    await storage.compact('a', snapshot, seqs.at(-1) ?? 0);
    const stored = await loading;
    // The state after the compaction, not the old snapshot with the first batches of its log.
    expect(Buffer.from(stored?.snapshot ?? []).equals(Buffer.from(snapshot))).toBe(true);
    expect(stored?.updates).toEqual([]);
    expect(stored?.lastSeq).toBe(seqs.at(-1));
  });

  it('deletes a map’s pieces with it', async () => {
    await storage.append([{ mapId: 'a', update: bytes(1_500_000) }]);
    await storage.compact('b', bytes(1_500_000), 0);
    expect(await storage.delete('a')).toBe(true);
    await storage.collected();
    expect(pieceRows(file)).toEqual({ blobs: 1, pieces: 3 });
    expect(await storage.load('a')).toBeNull();
    expect((await storage.load('b'))?.snapshot.byteLength).toBe(1_500_000);
  });

  it('keeps a namespace’s pieces apart from the maps’', async () => {
    const review = new SqliteStorage(file, { namespace: 'review' });
    try {
      await review.create({ id: 'a', title: '', createdAt: 1, snapshot: bytes(1_000_000) });
      expect(pieceRows(file, 'review_').blobs).toBe(1);
      expect(pieceRows(file).blobs).toBe(0);
      expect((await review.load('a'))?.snapshot.byteLength).toBe(1_000_000);
      expect((await storage.load('a'))?.snapshot.byteLength).toBe(2);
    } finally {
      await review.close();
    }
  });

  it('checkpoints a stream of small edits by itself, keeping the WAL a few megabytes', async () => {
    for (let i = 0; i < 1_000; i++) {
      await storage.append([{ mapId: 'a', update: bytes(200) }]);
      // The relay's group commit runs a turn apart (setImmediate), as here.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await storage.checkpoint();
    await storage.append([{ mapId: 'a', update: small }]); // rewinds the WAL
    // Without a checkpoint since the start, the WAL would hold every page those 1,000
    // commits wrote (17 MB). Checkpoints start after ~4 MB; the worker's first start lets a
    // few more megabytes in.
    const wal = statSync(`${file}-wal`).size;
    expect(wal).toBeGreaterThan(0);
    expect(wal).toBeLessThan(12 * 1024 * 1024);
    process.stdout.write(`WAL after 1,000 small commits: ${(wal / 1024 / 1024).toFixed(1)} MB\n`);
  });

  it('checkpoints the WAL on its worker thread', async () => {
    await storage.append([{ mapId: 'a', update: bytes(6_000_000) }]);
    const result = await storage.checkpoint();
    expect(result?.busy).toBe(0);
    expect(result?.checkpointed).toBe(result?.log);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT length(data) AS n FROM pieces WHERE idx = 0').get()).toEqual({
        n: PIECE_BYTES,
      });
    } finally {
      raw.close();
    }
  });
});

describe('SqliteStorage, a crash while pieces are written', () => {
  it('shows nothing of the cut-short append after a restart, and deletes its pieces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-pieces-'));
    const file = join(dir, 'warrant.db');
    try {
      const before = new SqliteStorage(file);
      await before.create({ id: 'a', title: 'A', createdAt: 1, snapshot: small });
      await before.append([{ mapId: 'a', update: small }]);
      await before.close();
      // A process that starts a 16 MB append and is killed (SIGKILL: no cleanup of any kind)
      // once it has written a few pieces.
      const child = join(dir, 'crash.ts');
      writeFileSync(
        child,
        `import { SqliteStorage } from ${JSON.stringify(join(here, 'SqliteStorage.ts'))};
         const storage = new SqliteStorage(${JSON.stringify(file)});
         let turns = 0;
         const tick = () => { if (++turns === 5) process.kill(process.pid, 'SIGKILL'); setImmediate(tick); };
         void storage.append([{ mapId: 'a', update: new Uint8Array(16_000_000).fill(7) }]);
         setImmediate(tick);`,
      );
      const run = spawnSync(process.execPath, ['--import', tsx, child], { encoding: 'utf8' });
      expect(run.signal).toBe('SIGKILL');
      const left = pieceRows(file);
      expect(left.blobs).toBe(1);
      expect(left.pieces).toBeGreaterThan(0);
      expect(left.pieces).toBeLessThan(Math.ceil(16_000_000 / PIECE_BYTES));

      const after = new SqliteStorage(file);
      try {
        const stored = await after.load('a');
        expect(stored?.updates.map((u) => u.byteLength)).toEqual([2]);
        await after.collected();
        expect(pieceRows(file)).toEqual({ blobs: 0, pieces: 0 });
        await after.append([{ mapId: 'a', update: bytes(1_000_000) }]);
        expect((await after.load('a'))?.updates.map((u) => u.byteLength)).toEqual([2, 1_000_000]);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('SqliteStorage, files written before pieces', () => {
  it('opens one read-only as it is, and a writable open adds pieces to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-pieces-'));
    const file = join(dir, 'warrant.db');
    try {
      // The tables as the relay wrote them before pieces.
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      old.exec(`CREATE TABLE maps (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, snapshot BLOB NOT NULL,
        snapshot_seq INTEGER NOT NULL DEFAULT 0, summary TEXT) STRICT;
        CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT,
        map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE, data BLOB NOT NULL) STRICT;
        CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), probed_at INTEGER NOT NULL) STRICT;`);
      old
        .prepare('INSERT INTO maps VALUES (?, ?, 1, 1, ?, 0, NULL)')
        .run('old', 'Old', Buffer.from(small));
      old
        .prepare('INSERT INTO updates (map_id, data) VALUES (?, ?)')
        .run('old', Buffer.alloc(PIECE_BYTES * 2, 1));
      old.close();

      const reader = new SqliteStorage(file, { readonly: true });
      expect((await reader.load('old'))?.updates.map((u) => u.byteLength)).toEqual([
        PIECE_BYTES * 2,
      ]);
      await reader.close();

      const storage = new SqliteStorage(file);
      try {
        await storage.append([{ mapId: 'old', update: bytes(PIECE_BYTES * 2) }]);
        const stored = await storage.load('old');
        expect(stored?.updates.map((u) => u.byteLength)).toEqual([
          PIECE_BYTES * 2,
          PIECE_BYTES * 2,
        ]);
        expect(pieceRows(file).blobs).toBe(1);
      } finally {
        await storage.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqlitePieces', () => {
  const tables = { B: 'blobs', P: 'pieces' };
  let db: Database.Database;
  let pieces: SqlitePieces;
  const rows = () => (db.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number }).n;
  beforeEach(() => {
    db = new Database(':memory:');
    createPieceTables(db, tables);
    pieces = new SqlitePieces(db, tables);
  });
  afterEach(async () => {
    await pieces.close();
    db.close();
  });

  it('writes big values as pieces before the transaction that names them, and keeps them', async () => {
    const big = bytes(2 * PIECE_BYTES + 1);
    let seen: readonly (number | null)[] = [];
    const result = await pieces.store([small, big], (blobs) => {
      seen = blobs;
      expect(rows()).toBe(3); // all written before anything names them
      return { result: 'named', unnamed: [] };
    });
    expect(result).toBe('named');
    expect(seen[0]).toBeNull(); // inline
    const blob = seen[1] ?? null;
    expect(blob).not.toBeNull();
    await pieces.collected();
    const { value, release } = pieces.reading();
    const back = await value({ data: IN_PIECES, blob });
    release();
    expect(Buffer.from(back).equals(Buffer.from(big))).toBe(true);
  });

  it('deletes what it wrote if the naming transaction throws, and what it reports unnamed', async () => {
    const refused = pieces.store([bytes(PIECE_BYTES + 1)], () => {
      throw new Error('no such map');
    });
    await expect(refused).rejects.toThrow('no such map');
    await pieces.collected();
    expect(rows()).toBe(0);
    await pieces.store([bytes(PIECE_BYTES + 1)], (blobs) => ({
      result: undefined,
      unnamed: blobs.filter((b) => b !== null), // e.g. a snapshot a newer one replaced
    }));
    await pieces.collected();
    expect(rows()).toBe(0);
  });

  it('keeps a value a read has pinned until the read is released', async () => {
    const big = bytes(3 * PIECE_BYTES);
    const blob = await pieces.store([big], ([b = null]) => ({ result: b, unnamed: [] }));
    const read = pieces.reading();
    const back = read.value({ data: IN_PIECES, blob });
    pieces.discard(blob === null ? [] : [blob]); // nothing names it any more
    expect(Buffer.from(await back).equals(Buffer.from(big))).toBe(true);
    await pieces.collected();
    expect(rows()).toBe(3);
    read.release();
    await pieces.collected();
    expect(rows()).toBe(0);
  });
});

const here = fileURLToPath(new URL('.', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

async function reopened(storage: SqliteStorage, file: string): Promise<SqliteStorage> {
  await storage.close();
  return new SqliteStorage(file);
}
