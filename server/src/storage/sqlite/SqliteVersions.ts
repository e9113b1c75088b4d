import type Database from 'better-sqlite3';
import { UnknownMapError } from '../Storage.ts';
import type { StoredVersion, VersionMeta, VersionStore } from '../Versions.ts';
import { VersionExistsError, versionMeta } from '../Versions.ts';

interface VersionRow {
  id: string;
  map_id: string;
  name: string;
  created_at: number;
  author: string;
  auto: number;
  /** JSON of `VersionMeta.changes`. */
  changes: string;
}

const COLUMNS = 'id, map_id, name, created_at, author, auto, changes';

/** The versions table and the maps table it belongs to (a storage namespace's own). */
export interface VersionTables {
  readonly M: string;
  readonly V: string;
}

/**
 * Creates the versions table if the file has none: files written before versions existed
 * get it on their first writable open, and nothing else in them changes.
 */
export function createVersionsTable(db: Database.Database, { M, V }: VersionTables): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${V} (
      map_id TEXT NOT NULL REFERENCES ${M}(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      author TEXT NOT NULL,
      auto INTEGER NOT NULL CHECK (auto IN (0, 1)),
      changes TEXT NOT NULL,
      snapshot BLOB NOT NULL,
      PRIMARY KEY (map_id, id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS ${V}_by_time ON ${V}(map_id, created_at);
  `);
}

/**
 * Versions in the map's SQLite file. Statements are prepared on first use, so a read-only
 * open of a file that predates versions (the command line) works until it asks for one.
 */
export class SqliteVersions implements VersionStore {
  private prepared: ReturnType<SqliteVersions['prepare']> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly unavailable: (error: unknown) => unknown,
    private readonly t: VersionTables = { M: 'maps', V: 'versions' },
  ) {}

  async saveVersion(v: StoredVersion): Promise<VersionMeta> {
    const { insert, mapExists } = this.stmt();
    try {
      this.db
        .transaction(() => {
          if (!mapExists.get(v.mapId)) throw new UnknownMapError(v.mapId);
          insert.run(
            v.mapId,
            v.id,
            v.name,
            v.createdAt,
            v.author,
            v.auto ? 1 : 0,
            JSON.stringify(v.changes),
            v.snapshot,
          );
        })
        .immediate();
    } catch (error) {
      if (isConstraintError(error)) throw new VersionExistsError(v.mapId, v.id);
      throw this.unavailable(error);
    }
    return versionMeta(v);
  }

  async listVersions(mapId: string): Promise<VersionMeta[]> {
    if (!this.hasTable()) return [];
    return this.stmt().list.all(mapId).map(fromRow);
  }

  async getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    if (!this.hasTable()) return null;
    const row = this.stmt().get.get(mapId, versionId);
    return row ? { ...fromRow(row), snapshot: new Uint8Array(row.snapshot) } : null;
  }

  async pruneAutoVersions(mapId: string, keep: number): Promise<number> {
    try {
      return this.stmt().prune.run(mapId, mapId, Math.max(0, Math.floor(keep))).changes;
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private hasTable(): boolean {
    return (
      this.db
        .prepare<[string], { one: number }>(
          "SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = ?",
        )
        .get(this.t.V) !== undefined
    );
  }

  private stmt() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    const db = this.db;
    return {
      insert: db.prepare<[string, string, string, number, string, number, string, Uint8Array]>(
        `INSERT INTO ${this.t.V} (map_id, id, name, created_at, author, auto, changes, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      mapExists: db.prepare<[string], { one: number }>(
        `SELECT 1 AS one FROM ${this.t.M} WHERE id = ?`,
      ),
      list: db.prepare<[string], VersionRow>(
        `SELECT ${COLUMNS} FROM ${this.t.V} WHERE map_id = ? ORDER BY created_at DESC, id DESC`,
      ),
      get: db.prepare<[string, string], VersionRow & { snapshot: Buffer }>(
        `SELECT ${COLUMNS}, snapshot FROM ${this.t.V} WHERE map_id = ? AND id = ?`,
      ),
      // Every automatic version of the map but the newest `keep`.
      prune: db.prepare<[string, string, number]>(
        `DELETE FROM ${this.t.V} WHERE map_id = ? AND auto = 1 AND id NOT IN (
           SELECT id FROM ${this.t.V} WHERE map_id = ? AND auto = 1
           ORDER BY created_at DESC, id DESC LIMIT ?)`,
      ),
    };
  }
}

function fromRow(row: VersionRow): VersionMeta {
  return {
    id: row.id,
    mapId: row.map_id,
    name: row.name,
    createdAt: row.created_at,
    author: row.author,
    auto: row.auto === 1,
    changes: JSON.parse(row.changes) as Record<string, number>,
  };
}

function isConstraintError(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
