import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AppendEntry, MapMeta, MapSummary, NewMap, Storage, StoredMap } from '../Storage.ts';
import { asStorageUnavailable, MapExistsError, UnknownMapError } from '../Storage.ts';
import type { StoredVersion, VersionMeta } from '../Versions.ts';
import type { AuthorStamp, ClientAuthor } from '../Attribution.ts';
import { foldStamps, stamped } from '../Attribution.ts';
import { createAttributionTable, SqliteAttribution } from './SqliteAttribution.ts';
import { createVersionsTable, SqliteVersions } from './SqliteVersions.ts';

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

/**
 * Embedded storage in one SQLite file (better-sqlite3). WAL lets readers run beside the
 * writer; `synchronous = FULL` fsyncs the WAL on every commit, so a committed transaction
 * survives power loss, not just a process crash. Calls are synchronous underneath: a commit
 * blocks the event loop for one fsync, which is also what makes group commit self-clocking
 * (messages arriving during the fsync form the next batch).
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly appendTx;
  private readonly compactTx;
  private readonly loadTx;
  private readonly readonly: boolean;
  /** The names of this storage's two tables (its namespace's). */
  private readonly tables: { M: string; U: string; V: string; A: string };
  private readonly versions: SqliteVersions;
  private readonly attribution: SqliteAttribution;

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
    this.tables = { M, U, V, A };
    if (this.readonly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
    } else {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file);
      this.setUp();
    }
    const db = this.db;
    this.versions = new SqliteVersions(db, unavailable, { M, V });
    this.attribution = new SqliteAttribution(db, unavailable, { M, A });
    this.stmt = {
      insertMap: db.prepare(
        `INSERT INTO ${M} (id, title, created_at, updated_at, snapshot, summary) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      meta: db.prepare<[string], MapRow>(
        `SELECT id, title, created_at, updated_at, summary FROM ${M} WHERE id = ?`,
      ),
      list: db.prepare<[], MapRow>(
        `SELECT id, title, created_at, updated_at, summary FROM ${M} ORDER BY updated_at DESC, id`,
      ),
      snapshot: db.prepare<[string], { snapshot: Buffer; snapshot_seq: number }>(
        `SELECT snapshot, snapshot_seq FROM ${M} WHERE id = ?`,
      ),
      log: db.prepare<[string], { seq: number; data: Buffer }>(
        `SELECT seq, data FROM ${U} WHERE map_id = ? ORDER BY seq`,
      ),
      insertUpdate: db.prepare<[string, Uint8Array]>(
        `INSERT INTO ${U} (map_id, data) VALUES (?, ?)`,
      ),
      // The log now holds an entry past the snapshot: the summary no longer describes it.
      touch: db.prepare<[number, string]>(
        `UPDATE ${M} SET updated_at = ?, summary = NULL WHERE id = ?`,
      ),
      setSnapshot: db.prepare<[Uint8Array, number, string, number]>(
        `UPDATE ${M} SET snapshot = ?, snapshot_seq = ? WHERE id = ? AND snapshot_seq <= ?`,
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

    this.appendTx = db.transaction((entries: readonly AppendEntry[]) => {
      const now = Date.now();
      const touched = new Set<string>();
      const seqs: number[] = [];
      for (const { mapId, update } of entries) {
        if (!touched.has(mapId)) {
          if (this.stmt.touch.run(now, mapId).changes === 0) throw new UnknownMapError(mapId);
          touched.add(mapId);
        }
        seqs.push(Number(this.stmt.insertUpdate.run(mapId, update).lastInsertRowid));
      }
      this.attribution.write(foldStamps(stamped(entries)));
      return seqs;
    });

    this.compactTx = db.transaction(
      (
        id: string,
        snapshot: Uint8Array,
        throughSeq: number,
        title: string | undefined,
        summary: MapSummary | undefined,
      ) => {
        if (this.stmt.setSnapshot.run(snapshot, throughSeq, id, throughSeq).changes === 0) {
          if (!this.stmt.exists.get(id)) throw new UnknownMapError(id);
          return; // a newer snapshot is already stored; this one would lose its updates
        }
        this.stmt.dropLog.run(id, throughSeq);
        if (title !== undefined) this.stmt.setTitle.run(title, id);
        const current = summary !== undefined && !this.stmt.hasLog.get(id);
        this.stmt.setSummary.run(current ? JSON.stringify(summary) : null, id);
      },
    );

    this.loadTx = db.transaction((id: string): StoredMap | null => {
      const head = this.stmt.snapshot.get(id);
      if (!head) return null;
      const updates: Uint8Array[] = [];
      let lastSeq = head.snapshot_seq;
      let updateBytes = 0;
      for (const row of this.stmt.log.iterate(id)) {
        updates.push(row.data);
        updateBytes += row.data.byteLength;
        lastSeq = row.seq;
      }
      return { snapshot: head.snapshot, updates, lastSeq, updateBytes };
    });
  }

  /** Sets the connection up for durable writes and creates or upgrades the tables. */
  private setUp(): void {
    const { M, U } = this.tables;
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
    createVersionsTable(this.db, this.tables);
    createAttributionTable(this.db, this.tables);
  }

  async create(map: NewMap): Promise<MapMeta> {
    try {
      this.stmt.insertMap.run(
        map.id,
        map.title,
        map.createdAt,
        map.createdAt,
        map.snapshot,
        map.summary ? JSON.stringify(map.summary) : null,
      );
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

  async load(id: string): Promise<StoredMap | null> {
    return this.loadTx.deferred(id);
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    try {
      return this.appendTx.immediate(entries);
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
    try {
      this.compactTx.immediate(id, snapshot, throughSeq, title, summary);
    } catch (error) {
      throw unavailable(error);
    }
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
      return this.stmt.deleteMap.run(id).changes > 0;
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
    try {
      // Fold the WAL back into the main file so the directory is tidy after a clean stop.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A full or read-only disk: the WAL stays beside the file and is replayed on open.
    }
    this.db.close();
  }
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
