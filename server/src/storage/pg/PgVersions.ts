import type pg from 'pg';
import { UnknownMapError } from '../Storage.ts';
import type { StoredVersion, VersionMeta, VersionStore } from '../Versions.ts';
import { VersionExistsError, versionMeta } from '../Versions.ts';
import { pgCode, unavailable } from './errors.ts';

/** The versions table and the maps table it belongs to (a storage namespace's own). */
export interface VersionTables {
  readonly V: string;
}

/** A namespace's versions in PostgreSQL (the table is made by PgStorage's migrations). */
export class PgVersions implements VersionStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly t: VersionTables,
  ) {}

  async saveVersion(v: StoredVersion): Promise<VersionMeta> {
    try {
      await this.pool.query(
        `INSERT INTO ${this.t.V} (map_id, id, name, created_at, author, auto, changes, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [v.mapId, v.id, v.name, v.createdAt, v.author, v.auto, v.changes, Buffer.from(v.snapshot)],
      );
    } catch (error) {
      if (pgCode(error) === '23503') throw new UnknownMapError(v.mapId);
      if (pgCode(error) === '23505') throw new VersionExistsError(v.mapId, v.id);
      throw unavailable(error);
    }
    return versionMeta(v);
  }

  async listVersions(mapId: string): Promise<VersionMeta[]> {
    const { rows } = await this.read<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM ${this.t.V} WHERE map_id = $1 ORDER BY created_at DESC, id DESC`,
      [mapId],
    );
    return rows.map(versionFromRow);
  }

  async getVersion(mapId: string, versionId: string): Promise<StoredVersion | null> {
    const { rows } = await this.read<VersionRow & { snapshot: Buffer }>(
      `SELECT ${VERSION_COLUMNS}, snapshot FROM ${this.t.V} WHERE map_id = $1 AND id = $2`,
      [mapId, versionId],
    );
    const row = rows[0];
    if (!row) return null;
    const snapshot = new Uint8Array(
      row.snapshot.buffer,
      row.snapshot.byteOffset,
      row.snapshot.byteLength,
    );
    return { ...versionFromRow(row), snapshot };
  }

  async pruneAutoVersions(mapId: string, keep: number): Promise<number> {
    try {
      const { rowCount } = await this.pool.query(
        `DELETE FROM ${this.t.V} WHERE map_id = $1 AND auto AND id NOT IN (
           SELECT id FROM ${this.t.V} WHERE map_id = $1 AND auto
           ORDER BY created_at DESC, id DESC LIMIT $2)`,
        [mapId, Math.max(0, Math.floor(keep))],
      );
      return rowCount ?? 0;
    } catch (error) {
      throw unavailable(error);
    }
  }

  private async read<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (error) {
      throw unavailable(error);
    }
  }
}

interface VersionRow {
  id: string;
  map_id: string;
  name: string;
  created_at: string;
  author: string;
  auto: boolean;
  changes: Record<string, number>;
}

const VERSION_COLUMNS = 'id, map_id, name, created_at, author, auto, changes';

function versionFromRow(row: VersionRow): VersionMeta {
  return {
    id: row.id,
    mapId: row.map_id,
    name: row.name,
    createdAt: Number(row.created_at),
    author: row.author,
    auto: row.auto,
    changes: row.changes,
  };
}
