import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { AppendEntry, MapMeta, MapSummary, NewMap, Storage, StoredMap } from '../Storage.ts';
import { asStorageUnavailable, MapExistsError, UnknownMapError } from '../Storage.ts';
import type { StoredVersion, VersionMeta } from '../Versions.ts';
import type { AuthorStamp, ClientAuthor } from '../Attribution.ts';
import { foldStamps, stamped } from '../Attribution.ts';
import { createAttributionTable, SqliteAttribution } from './SqliteAttribution.ts';
import { createVersionsTable, SqliteVersions } from './SqliteVersions.ts';
import {
  createPieceTables,
  IN_PIECES,
  inPieces,
  MissingPiecesError,
  PIECE_BYTES,
  SqlitePieces,
  type Held,
} from './Pieces.ts';
import { WalCheckpointer, type CheckpointResult } from './WalCheckpointer.ts';

interface MapRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  /** JSON of a `MapSummary`, or null while the log holds entries past the snapshot. */
  summary: string | null;
}

export interface SqliteStorageOptions {
  /**
   * Open an existing file for reading only (the command line's exports and listings): never
   * creates, migrates or checkpoints the file, and every write rejects, so it is safe beside
   * a relay using the same file; WAL gives it a consistent view of what the relay committed.
   */
  readonly?: boolean;
  /**
   * Keep these documents in tables of their own (`<namespace>_maps`, `<namespace>_updates`)
   * in the same file: the relay keeps each map's review document under `review`, beside the
   * maps, so one file (one backup) holds both while neither can see the other's ids.
   */
  namespace?: string;
}

/** A namespace is a short lowercase word: it becomes part of table names. */
const NAMESPACE = /^[a-z]{1,20}$/;

/** A log entry as its row holds it. */
interface LogRow extends Held {
  readonly seq: number;
}

/**
 * How many times a load starts again when what it read across turns changed under it (a
 * compaction replaced the snapshot, or another process deleted pieces it was reading).
 */
const LOAD_ATTEMPTS = 5;

/** The load started before a compaction that replaced the snapshot: it starts again. */
class SnapshotMoved extends Error {}

/**
 * Embedded storage in one SQLite file (better-sqlite3). WAL lets readers run beside the
 * writer; `synchronous = FULL` fsyncs the WAL on every commit, so a committed transaction
 * survives power loss, not just a process crash. Calls are synchronous underneath: a commit
 * blocks the event loop for one fsync, which is also what makes group commit self-clocking
 * (messages arriving during the fsync form the next batch).
 *
 * Big values never block it for long: a snapshot or update over `PIECE_BYTES` is written and
 * read in pieces, a turn apart (`Pieces.ts`), and the WAL is checkpointed on a worker thread
 * (`WalCheckpointer.ts`). Ordinary edits keep one transaction on this thread, as before.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly appendTx;
  private readonly compactTx;
  private readonly logTx;
  private readonly deleteTx;
  private readonly readonly: boolean;
  /** The names of this storage's two tables (its namespace's). */
  private readonly tables: { M: string; U: string; V: string; A: string; B: string; P: string };
  private readonly versions: SqliteVersions;
  private readonly attribution: SqliteAttribution;
  private readonly pieces: SqlitePieces;
  private readonly checkpointer: WalCheckpointer | null = null;
  /**
   * Per map, the last append still writing pieces: a later append to the same map waits for
   * it, so a map's entries commit in the order they were handed in. Other maps do not wait.
   */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    readonly file: string,
    options: SqliteStorageOptions = {},
  ) {
    this.readonly = options.readonly ?? false;
    const ns = options.namespace;
    if (ns !== undefined && !NAMESPACE.test(ns)) {
      throw new Error(`A storage namespace is 1–20 lowercase letters, not "${ns}".`);
    }
    const M = ns ? `${ns}_maps` : 'maps';
    const U = ns ? `${ns}_updates` : 'updates';
    const V = ns ? `${ns}_versions` : 'versions';
    const A = ns ? `${ns}_attribution` : 'attribution';
    const B = ns ? `${ns}_blobs` : 'blobs';
    const P = ns ? `${ns}_pieces` : 'pieces';
    this.tables = { M, U, V, A, B, P };
    if (this.readonly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
    } else {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
      this.setUp();
      if (file !== ':memory:') {
        const db = this.db;
        this.checkpointer = new WalCheckpointer(file, () => {
          const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
          return result ?? { busy: 1, log: -1, checkpointed: -1 };
        });
        // Checkpoints run on the worker; this connection no longer runs them inside commits.
        db.pragma('wal_autocheckpoint = 0');
      }
    }
    const db = this.db;
    const wrote = (bytes: number) => this.checkpointer?.wrote(bytes);
    this.pieces = new SqlitePieces(db, { B, P }, wrote);
    // A read-only open of a file written before pieces: no row names any, so none are read.
    const inPieces = hasColumn(db, M, 'snapshot_blob');
    const snapshotBlob = inPieces ? 'snapshot_blob' : 'NULL';
    const logBlob = inPieces ? 'blob' : 'NULL';
    this.versions = new SqliteVersions(db, unavailable, { M, V });
    this.attribution = new SqliteAttribution(db, unavailable, { M, A });
    this.stmt = {
      // Writes naming pieces are prepared on first use: a read-only open of a file written
      // before pieces has not the columns (and takes no writes).
      insertMap: lazy(() =>
        db.prepare<[string, string, number, number, Uint8Array, string | null, number | null]>(
          `INSERT INTO ${M} (id, title, created_at, updated_at, snapshot, summary, snapshot_blob) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ),
      ),
      meta: db.prepare<[string], MapRow>(
        `SELECT id, title, created_at, updated_at, summary FROM ${M} WHERE id = ?`,
      ),
      list: db.prepare<[], MapRow>(
        `SELECT id, title, created_at, updated_at, summary FROM ${M} ORDER BY updated_at DESC, id`,
      ),
      snapshot: db.prepare<
        [string],
        { snapshot: Buffer; snapshot_seq: number; snapshot_blob: number | null }
      >(`SELECT snapshot, snapshot_seq, ${snapshotBlob} AS snapshot_blob FROM ${M} WHERE id = ?`),
      logAfter: db.prepare<[string, number], LogRow>(
        `SELECT seq, data, ${logBlob} AS blob FROM ${U} WHERE map_id = ? AND seq > ? ORDER BY seq`,
      ),
      snapshotSeq: db.prepare<[string], { snapshot_seq: number }>(
        `SELECT snapshot_seq FROM ${M} WHERE id = ?`,
      ),
      insertUpdate: lazy(() =>
        db.prepare<[string, Uint8Array, number | null]>(
          `INSERT INTO ${U} (map_id, data, blob) VALUES (?, ?, ?)`,
        ),
      ),
      // The log now holds an entry past the snapshot: the summary no longer describes it.
      touch: db.prepare<[number, string]>(
        `UPDATE ${M} SET updated_at = ?, summary = NULL WHERE id = ?`,
      ),
      setSnapshot: lazy(() =>
        db.prepare<[Uint8Array, number, number | null, string, number]>(
          `UPDATE ${M} SET snapshot = ?, snapshot_seq = ?, snapshot_blob = ? WHERE id = ? AND snapshot_seq <= ?`,
        ),
      ),
      // The pieces a map's row and log name: what deleting or compacting it leaves unnamed.
      snapshotBlob: db.prepare<[string], { blob: number | null }>(
        `SELECT ${snapshotBlob} AS blob FROM ${M} WHERE id = ?`,
      ),
      logBlobs: db.prepare<[string, number], { blob: number }>(
        `SELECT ${logBlob} AS blob FROM ${U} WHERE map_id = ? AND seq <= ? AND ${logBlob} IS NOT NULL`,
      ),
      exists: db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM ${M} WHERE id = ?`),
      setTitle: db.prepare<[string, string]>(`UPDATE ${M} SET title = ? WHERE id = ?`),
      setSummary: db.prepare<[string | null, string]>(`UPDATE ${M} SET summary = ? WHERE id = ?`),
      hasLog: db.prepare<[string], { one: number }>(
        `SELECT 1 AS one FROM ${U} WHERE map_id = ? LIMIT 1`,
      ),
      dropLog: db.prepare<[string, number]>(`DELETE FROM ${U} WHERE map_id = ? AND seq <= ?`),
      deleteMap: db.prepare<[string]>(`DELETE FROM ${M} WHERE id = ?`),
      probe: db.prepare<[number]>(
        'INSERT INTO health (id, probed_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at',
      ),
    };

    this.appendTx = db.transaction(
      (entries: readonly AppendEntry[], blobs: readonly (number | null)[]) => {
        const now = Date.now();
        const touched = new Set<string>();
        const seqs: number[] = [];
        entries.forEach(({ mapId, update }, i) => {
          if (!touched.has(mapId)) {
            if (this.stmt.touch.run(now, mapId).changes === 0) throw new UnknownMapError(mapId);
            touched.add(mapId);
          }
          const blob = blobs[i] ?? null;
          const row = this.stmt.insertUpdate().run(mapId, blob === null ? update : IN_PIECES, blob);
          seqs.push(Number(row.lastInsertRowid));
        });
        this.attribution.write(foldStamps(stamped(entries)));
        return seqs;
      },
    );

    this.compactTx = db.transaction(
      (
        id: string,
        snapshot: Uint8Array,
        throughSeq: number,
        title: string | undefined,
        summary: MapSummary | undefined,
        blob: number | null,
      ): number[] => {
        const old = this.stmt.snapshotBlob.get(id);
        const value = blob === null ? snapshot : IN_PIECES;
        if (this.stmt.setSnapshot().run(value, throughSeq, blob, id, throughSeq).changes === 0) {
          if (!old) throw new UnknownMapError(id);
          // A newer snapshot is already stored; this one would lose its updates.
          return blob === null ? [] : [blob];
        }
        const unnamed = this.stmt.logBlobs.all(id, throughSeq).map((r) => r.blob);
        if (old?.blob != null) unnamed.push(old.blob);
        this.stmt.dropLog.run(id, throughSeq);
        if (title !== undefined) this.stmt.setTitle.run(title, id);
        const current = summary !== undefined && !this.stmt.hasLog.get(id);
        this.stmt.setSummary.run(current ? JSON.stringify(summary) : null, id);
        return unnamed;
      },
    );

    this.deleteTx = db.transaction((id: string): number[] | null => {
      const row = this.stmt.snapshotBlob.get(id);
      if (!row) return null;
      const unnamed = this.stmt.logBlobs.all(id, Number.MAX_SAFE_INTEGER).map((r) => r.blob);
      if (row.blob !== null) unnamed.push(row.blob);
      this.stmt.deleteMap.run(id);
      return unnamed;
    });

    // The log after `afterSeq`, up to about `PIECE_BYTES` of it, if the snapshot is still the
    // one at `snapshotSeq` (else the entries the load has not read yet may be gone).
    this.logTx = db.transaction(
      (id: string, snapshotSeq: number, afterSeq: number): { rows: LogRow[]; more: boolean } => {
        if (this.stmt.snapshotSeq.get(id)?.snapshot_seq !== snapshotSeq) throw new SnapshotMoved();
        const rows: LogRow[] = [];
        let bytes = 0;
        for (const row of this.stmt.logAfter.iterate(id, afterSeq)) {
          rows.push(row);
          bytes += row.data.byteLength;
          if (bytes >= PIECE_BYTES) return { rows, more: true };
        }
        return { rows, more: false };
      },
    );

    if (!this.readonly) {
      // Pieces of a write a crash cut short, or of a deletion it did: deleted in the background.
      this.pieces.collectOrphans(
        `SELECT snapshot_blob FROM ${M} WHERE snapshot_blob IS NOT NULL
         UNION ALL SELECT blob FROM ${U} WHERE blob IS NOT NULL`,
      );
    }
  }

  /** Sets the connection up for durable writes and creates or upgrades the tables. */
  private setUp(): void {
    const { M, U, B, P } = this.tables;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ${M} (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        snapshot BLOB NOT NULL,
        snapshot_seq INTEGER NOT NULL DEFAULT 0,
        summary TEXT
      ) STRICT;
      CREATE TABLE IF NOT EXISTS ${U} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        map_id TEXT NOT NULL REFERENCES ${M}(id) ON DELETE CASCADE,
        data BLOB NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS ${U}_by_map ON ${U}(map_id, seq);
      CREATE TABLE IF NOT EXISTS health (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        probed_at INTEGER NOT NULL
      ) STRICT;
    `);
    const columns = this.db.pragma(`table_info(${M})`) as { name: string }[];
    // Files written before summaries were kept: their maps answer from a loaded room once.
    if (!columns.some((c) => c.name === 'summary')) {
      this.db.exec(`ALTER TABLE ${M} ADD COLUMN summary TEXT`);
    }
    // Files written before pieces: every value in them is inline, as these columns' NULL says.
    createPieceTables(this.db, { B, P });
    if (!hasColumn(this.db, M, 'snapshot_blob')) {
      this.db.exec(`ALTER TABLE ${M} ADD COLUMN snapshot_blob INTEGER`);
    }
    if (!hasColumn(this.db, U, 'blob')) {
      this.db.exec(`ALTER TABLE ${U} ADD COLUMN blob INTEGER`);
    }
    // The WAL file is cut back to this after a checkpoint rewinds it (it keeps its size else).
    this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    createVersionsTable(this.db, this.tables);
    createAttributionTable(this.db, this.tables);
  }

  async create(map: NewMap): Promise<MapMeta> {
    if (inPieces(map.snapshot) && this.stmt.exists.get(map.id)) throw new MapExistsError(map.id);
    try {
      await this.pieces.store([map.snapshot], ([blob = null]) => {
        this.stmt
          .insertMap()
          .run(
            map.id,
            map.title,
            map.createdAt,
            map.createdAt,
            blob === null ? map.snapshot : IN_PIECES,
            map.summary ? JSON.stringify(map.summary) : null,
            blob,
          );
        if (blob === null) this.checkpointer?.wrote(map.snapshot.byteLength);
        return { result: undefined, unnamed: [] };
      });
    } catch (error) {
      if (isConstraintError(error)) throw new MapExistsError(map.id);
      throw unavailable(error);
    }
    const meta = {
      id: map.id,
      title: map.title,
      createdAt: map.createdAt,
      updatedAt: map.createdAt,
    };
    return map.summary ? { ...meta, summary: map.summary } : meta;
  }

  async meta(id: string): Promise<MapMeta | null> {
    const row = this.stmt.meta.get(id);
    return row ? toMeta(row) : null;
  }

  async list(): Promise<MapMeta[]> {
    return this.stmt.list.all().map(toMeta);
  }

  /**
   * Read in short transactions a turn apart: the snapshot's row, then the log about
   * `PIECE_BYTES` at a time, each batch checking the snapshot is still the one read (a
   * compaction meanwhile may have dropped entries not read yet: the load starts again).
   * Values in pieces are read a piece per turn; they are immutable, and pinned meanwhile so
   * this process does not delete them. (Another process, a command line beside the relay,
   * may see the relay delete them: then it reads again too.)
   */
  async load(id: string): Promise<StoredMap | null> {
    for (let attempt = 1; ; attempt++) {
      const { value, release } = this.pieces.reading();
      try {
        const head = this.stmt.snapshot.get(id);
        if (!head) return null;
        const snapshot = await value({ data: head.snapshot, blob: head.snapshot_blob });
        const updates: Uint8Array[] = [];
        let updateBytes = 0;
        let lastSeq = head.snapshot_seq;
        for (let first = true, more = true; more; first = false) {
          // A map of ordinary size is read in one turn, as it always was.
          if (!first || head.snapshot_blob !== null) await nextTurn();
          const batch = this.logTx.deferred(id, head.snapshot_seq, lastSeq);
          for (const row of batch.rows) {
            const update = await value(row);
            updates.push(update);
            updateBytes += update.byteLength;
            lastSeq = row.seq;
          }
          more = batch.more;
        }
        return { snapshot, updates, lastSeq, updateBytes };
      } catch (error) {
        const again = error instanceof MissingPiecesError || error instanceof SnapshotMoved;
        if (!again || attempt >= LOAD_ATTEMPTS) throw error;
      } finally {
        release();
      }
    }
  }

  /**
   * Entries up to `PIECE_BYTES` (every ordinary edit) commit in one transaction, right away,
   * as they always have. Bigger ones are written in pieces first, then one small transaction
   * makes the whole batch live: until it commits nothing names the pieces, so a failure or a
   * crash before it leaves nothing visible (the pieces are deleted).
   */
  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const mapIds = [...new Set(entries.map((e) => e.mapId))];
    const big = entries.some((e) => inPieces(e.update));
    const before = mapIds.flatMap((m) => {
      const p = this.inFlight.get(m);
      return p ? [p] : [];
    });
    if (!big && before.length === 0) return this.commitAppend(entries, []);
    const done = (async () => {
      await Promise.allSettled(before);
      if (!big) return this.commitAppend(entries, []);
      // Refused before megabytes are written for nothing (the last transaction checks again).
      const unknown = mapIds.find((m) => !this.stmt.exists.get(m));
      if (unknown !== undefined) throw new UnknownMapError(unknown);
      try {
        return await this.pieces.store(
          entries.map((e) => e.update),
          (blobs) => ({ result: this.commitAppend(entries, blobs), unnamed: [] }),
        );
      } catch (error) {
        throw unavailable(error);
      }
    })();
    for (const m of mapIds) this.inFlight.set(m, done);
    try {
      return await done;
    } finally {
      for (const m of mapIds) if (this.inFlight.get(m) === done) this.inFlight.delete(m);
    }
  }

  /** The append's one transaction; `blobs[i]` names entry i's pieces, if it has them. */
  private commitAppend(
    entries: readonly AppendEntry[],
    blobs: readonly (number | null)[],
  ): number[] {
    try {
      const seqs = this.appendTx.immediate(entries, blobs);
      this.checkpointer?.wrote(
        entries.reduce((n, e, i) => n + ((blobs[i] ?? null) === null ? e.update.byteLength : 0), 0),
      );
      return seqs;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async compact(
    id: string,
    snapshot: Uint8Array,
    throughSeq: number,
    title?: string,
    summary?: MapSummary,
  ) {
    if (inPieces(snapshot) && !this.stmt.exists.get(id)) throw new UnknownMapError(id);
    try {
      await this.pieces.store([snapshot], ([blob = null]) => {
        const unnamed = this.compactTx.immediate(id, snapshot, throughSeq, title, summary, blob);
        if (blob === null) this.checkpointer?.wrote(snapshot.byteLength);
        return { result: undefined, unnamed };
      });
    } catch (error) {
      throw unavailable(error);
    }
  }

  /**
   * Checkpoints the WAL now, on the worker thread (tests and benchmarks; the storage does it
   * by itself every few megabytes written). Null for a read-only or in-memory database.
   */
  async checkpoint(): Promise<CheckpointResult | null> {
    return this.checkpointer ? this.checkpointer.checkpoint() : null;
  }

  /** Resolves once the pieces of values nothing names any more have been deleted. */
  collected(): Promise<void> {
    return this.pieces.collected();
  }

  saveVersion(version: StoredVersion): Promise<VersionMeta> {
    return this.versions.saveVersion(version);
  }

  listVersions(mapId: string): Promise<VersionMeta[]> {
    return this.versions.listVersions(mapId);
  }

  getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    return this.versions.getVersion(mapId, versionId);
  }

  pruneAutoVersions(mapId: string, keep: number): Promise<number> {
    return this.versions.pruneAutoVersions(mapId, keep);
  }

  recordAuthors(mapId: string, stamps: readonly AuthorStamp[]): Promise<void> {
    return this.attribution.recordAuthors(mapId, stamps);
  }

  authorsOf(mapId: string): Promise<ClientAuthor[]> {
    return this.attribution.authorsOf(mapId);
  }

  async probe(): Promise<void> {
    try {
      this.stmt.probe.run(Date.now());
    } catch (error) {
      throw unavailable(error);
    }
  }

  async delete(id: string): Promise<boolean> {
    try {
      const unnamed = this.deleteTx.immediate(id);
      if (unnamed === null) return false;
      this.pieces.discard(unnamed);
      return true;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (this.readonly) {
      this.db.close();
      return;
    }
    await this.pieces.close();
    await this.checkpointer?.close();
    try {
      // Fold the WAL back into the main file so the directory is tidy after a clean stop.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A full or read-only disk: the WAL stays beside the file and is replayed on open.
    }
    this.db.close();
  }
}

/** `make()`, called once, on first use. */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  const columns = db.pragma(`table_info(${table})`) as { name: string }[];
  return columns.some((c) => c.name === column);
}

function toMeta(row: MapRow): MapMeta {
  const meta = {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  return row.summary === null ? meta : { ...meta, summary: JSON.parse(row.summary) as MapSummary };
}

/** I/O failures of a write become `StorageUnavailableError`; everything else passes. */
function unavailable(error: unknown): unknown {
  return asStorageUnavailable(error) ?? error;
}

function isConstraintError(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('SQLITE_CONSTRAINT')
  );
}
