import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';

/**
 * Values bigger than this (a big map's snapshot, a pasted or imported map's one update) are
 * stored in pieces of at most this size. better-sqlite3 is synchronous: writing, reading or
 * deleting a 16 MB row holds the event loop for as long as SQLite takes to walk its 4,000
 * overflow pages (measured 0.2–0.8 s on this machine), while a 512 KiB piece takes a few
 * milliseconds. Everything at or under it keeps the single-transaction path of today.
 */
export const PIECE_BYTES = 512 * 1024;

/** Whether `value` is stored in pieces rather than inline in its row. */
export const inPieces = (value: Uint8Array): boolean => value.byteLength > PIECE_BYTES;

/** What stands in a row's BLOB column when its value is in pieces. */
export const IN_PIECES = Buffer.alloc(0);

/** A value as one row holds it: inline in `data`, or the id of its pieces. */
export interface Held {
  readonly data: Buffer;
  readonly blob: number | null;
}

/**
 * What the transaction that names stored values (`SqlitePieces.store`) returns: its result,
 * and the values it left nothing naming (a replaced snapshot, a log folded away, or one of
 * the new ones it did not take), to be deleted.
 */
export interface Named<T> {
  readonly result: T;
  readonly unnamed: readonly number[];
}

/** Reads values as rows hold them (`SqlitePieces.reading`). */
export interface PinnedReads {
  /** The value `held` names, read a piece per turn if it is in pieces (pinned meanwhile). */
  value(held: Held): Promise<Buffer>;
  /** Lets the collector have the values this read pinned. */
  release(): void;
}

/** The two tables a storage namespace keeps its pieces in. */
export interface PieceTables {
  /** One row per stored value: its size and how many pieces hold it. */
  readonly B: string;
  /** The pieces, `idx` 0, 1, … of each value. */
  readonly P: string;
}

/**
 * Creates the piece tables if the file has none (files written before pieces get them on
 * their first writable open; nothing else in them changes). A value's pieces are written
 * before anything refers to it: a map's row (`snapshot_blob`) or a log entry (`blob`) names
 * it only in the final, small transaction that makes it live. A crash in between leaves
 * pieces nothing names — never read, and deleted after the next open (`orphans`).
 */
export function createPieceTables(db: Database.Database, { B, P }: PieceTables): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${B} (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      bytes INTEGER NOT NULL,
      pieces INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS ${P} (
      blob INTEGER NOT NULL,
      idx INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (blob, idx)
    ) STRICT;
  `);
}

/** A value's pieces are not all there (another process deleted them while this one read). */
export class MissingPiecesError extends Error {
  constructor(readonly blob: number) {
    super(`The pieces of stored value ${blob} are missing`);
    this.name = 'MissingPiecesError';
  }
}

/**
 * Big values in pieces: written a piece per transaction and per turn, read a piece per turn,
 * and deleted (once nothing names them and no read in flight uses them) a piece per turn in
 * the background. Values are immutable once written, so a read needs no transaction across
 * turns: pinning keeps this process's collector away from what it reads.
 */
export class SqlitePieces {
  private prepared: ReturnType<SqlitePieces['prepare']> | null = null;
  private readonly pins = new Map<number, number>();
  private readonly garbage = new Set<number>();
  private collecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly t: PieceTables,
    /** Told the bytes of each piece written or deleted (the WAL checkpointer counts them). */
    private readonly wrote: (bytes: number) => void = () => {},
  ) {}

  /**
   * Stores `values` the way every write of big values goes: those over `PIECE_BYTES` are
   * written as pieces first, then `name` runs — the one small transaction that makes them
   * live, given each value's pieces' id (null: the value goes inline). Until it commits
   * nothing names the pieces, so if writing or `name` throws they are deleted and nothing is
   * visible; once it has, the values it reports `unnamed` are deleted in the background.
   * With no big value, `name` runs at once, in this call's turn.
   */
  async store<T>(
    values: readonly Uint8Array[],
    name: (blobs: readonly (number | null)[]) => Named<T>,
  ): Promise<T> {
    const blobs: (number | null)[] = [];
    const written = (): number[] => blobs.filter((b) => b !== null);
    try {
      for (const value of values) blobs.push(inPieces(value) ? await this.write(value) : null);
      const { result, unnamed } = name(blobs);
      this.unpin(written());
      this.discard(unnamed);
      return result;
    } catch (error) {
      this.unpin(written());
      this.discard(written());
      throw error;
    }
  }

  /**
   * A read of values as rows hold them: those in pieces are pinned (kept from this process's
   * collector) until `release`. Values are immutable, so the read needs no transaction.
   */
  reading(): PinnedReads {
    const pinned: number[] = [];
    return {
      value: async (held) => {
        if (held.blob === null) return held.data;
        pinned.push(held.blob);
        this.pin([held.blob]);
        return this.read(held.blob);
      },
      release: () => this.unpin(pinned.splice(0)),
    };
  }

  /**
   * Writes `value` as pieces, each in its own durable transaction a turn apart, and resolves
   * with its id, pinned (the caller unpins it once a row names it, or discards it).
   */
  private async write(value: Uint8Array): Promise<number> {
    const { insertBlob, insertPiece } = this.stmt();
    const count = Math.max(1, Math.ceil(value.byteLength / PIECE_BYTES));
    const piece = (i: number) => value.subarray(i * PIECE_BYTES, (i + 1) * PIECE_BYTES);
    const id = this.db
      .transaction(() => {
        const blob = Number(insertBlob.run(value.byteLength, count).lastInsertRowid);
        insertPiece.run(blob, 0, piece(0));
        return blob;
      })
      .immediate();
    this.pin([id]);
    this.wrote(piece(0).byteLength);
    try {
      for (let i = 1; i < count; i++) {
        await nextTurn();
        if (this.closed) throw new Error('storage closed while a value was being written');
        insertPiece.run(id, i, piece(i));
        this.wrote(piece(i).byteLength);
      }
    } catch (error) {
      this.unpin([id]);
      this.discard([id]);
      throw error;
    }
    return id;
  }

  /** Reads a value back a piece per turn. Throws `MissingPiecesError` if it is not whole. */
  private async read(blob: number): Promise<Buffer> {
    const { blob: head, piece } = this.stmt();
    const row = head.get(blob);
    if (!row) throw new MissingPiecesError(blob);
    const out = Buffer.allocUnsafe(row.bytes);
    let offset = 0;
    for (let i = 0; i < row.pieces; i++) {
      if (i > 0) await nextTurn();
      const p = piece.get(blob, i);
      if (!p || offset + p.data.byteLength > row.bytes) throw new MissingPiecesError(blob);
      p.data.copy(out, offset);
      offset += p.data.byteLength;
    }
    if (offset !== row.bytes) throw new MissingPiecesError(blob);
    return out;
  }

  /** Keeps the collector away from these values until `unpin`. */
  private pin(blobs: readonly number[]): void {
    for (const b of blobs) this.pins.set(b, (this.pins.get(b) ?? 0) + 1);
  }

  private unpin(blobs: readonly number[]): void {
    for (const b of blobs) {
      const n = (this.pins.get(b) ?? 0) - 1;
      if (n > 0) this.pins.set(b, n);
      else this.pins.delete(b);
    }
    if (blobs.length > 0) this.schedule();
  }

  /** Nothing names these values any more: their pieces are deleted in the background. */
  discard(blobs: readonly number[]): void {
    for (const b of blobs) this.garbage.add(b);
    this.schedule();
  }

  /**
   * Finds values nothing names (a write cut short by a crash, or whose deletion was) and
   * deletes them in the background. `named` is a query for every id a row names.
   */
  collectOrphans(named: string): void {
    const { B, P } = this.t;
    const orphans = this.db
      .prepare<[], { id: number }>(
        `SELECT id FROM ${B} WHERE id NOT IN (${named})
         UNION SELECT DISTINCT blob AS id FROM ${P} WHERE blob NOT IN (SELECT id FROM ${B})`,
      )
      .all();
    this.discard(orphans.map((o) => o.id));
  }

  /** Resolves once every discarded value that is not pinned has been deleted. */
  async collected(): Promise<void> {
    while (this.collecting) await this.collecting;
  }

  /** Stops collecting (what is left is found again after the next open). */
  async close(): Promise<void> {
    this.closed = true;
    await this.collected();
  }

  private schedule(): void {
    if (this.collecting || this.closed || this.garbage.size === 0) return;
    this.collecting = this.collect().finally(() => {
      this.collecting = null;
    });
  }

  /** Deletes discarded values a piece per transaction and turn, then their rows. */
  private async collect(): Promise<void> {
    const { deletePiece, deleteBlob } = this.stmt();
    await nextTurn();
    for (;;) {
      const blob = [...this.garbage].find((b) => !this.pins.has(b));
      if (blob === undefined || this.closed) return;
      try {
        let deleted = 0;
        do {
          const row = deletePiece.get(blob);
          deleted = row ? 1 : 0;
          if (row) this.wrote(0); // freed pages are listed, not rewritten
          await nextTurn();
          if (this.closed) return;
        } while (deleted > 0 && !this.pins.has(blob));
        if (this.pins.has(blob)) continue;
        deleteBlob.run(blob);
        this.garbage.delete(blob);
      } catch {
        // A full or read-only disk: left for the next open to find again.
        this.garbage.delete(blob);
      }
    }
  }

  /** Prepared on first use, so a read-only open of a file that predates pieces works. */
  private stmt() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    const { B, P } = this.t;
    const db = this.db;
    return {
      insertBlob: db.prepare<[number, number]>(`INSERT INTO ${B} (bytes, pieces) VALUES (?, ?)`),
      insertPiece: db.prepare<[number, number, Uint8Array]>(
        `INSERT INTO ${P} (blob, idx, data) VALUES (?, ?, ?)`,
      ),
      blob: db.prepare<[number], { bytes: number; pieces: number }>(
        `SELECT bytes, pieces FROM ${B} WHERE id = ?`,
      ),
      piece: db.prepare<[number, number], { data: Buffer }>(
        `SELECT data FROM ${P} WHERE blob = ? AND idx = ?`,
      ),
      deletePiece: db.prepare<[number], { bytes: number }>(
        `DELETE FROM ${P} WHERE rowid = (SELECT rowid FROM ${P} WHERE blob = ? ORDER BY idx DESC LIMIT 1)
         RETURNING length(data) AS bytes`,
      ),
      deleteBlob: db.prepare<[number]>(`DELETE FROM ${B} WHERE id = ?`),
    };
  }
}
