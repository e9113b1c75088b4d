import type pg from 'pg';
import type { AppendEntry, MapMeta, MapSummary, NewMap, Storage, StoredMap } from '../Storage.ts';
import { MapExistsError, UnknownMapError } from '../Storage.ts';
import type { StoredVersion, VersionMeta } from '../Versions.ts';
import { checkout, type Checkout } from './checkout.ts';
import { isConnectionFailure, pgCode, unavailable } from './errors.ts';
import type { AuthorStamp, ClientAuthor } from '../Attribution.ts';
import { foldStamps, stamped } from '../Attribution.ts';
import { openMigratedPool, type Migration } from './migrate.ts';
import { attributionMigration, readAuthors, writeAuthors } from './PgAttribution.ts';
import { PgVersions } from './PgVersions.ts';

/** A namespace is a short lowercase word: it becomes part of table names. */
const NAMESPACE = /^[a-z]{1,20}$/;

/** The schema of one namespace's tables (`maps`/`updates`, or `<ns>_maps`/`<ns>_updates`). */
const migrations = ({ M, U, V, A }: Tables): readonly Migration[] => [
  {
    name: `storage-1-maps-and-log:${M}`,
    sql: `
      CREATE TABLE ${M} (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        snapshot BYTEA NOT NULL,
        snapshot_seq BIGINT NOT NULL DEFAULT 0,
        -- The last log position handed out for this map: positions are per map and
        -- contiguous, so a relay that sees seq n+2 after n knows it missed one.
        last_seq BIGINT NOT NULL DEFAULT 0,
        summary JSONB
      );
      CREATE TABLE ${U} (
        map_id TEXT NOT NULL REFERENCES ${M}(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (map_id, seq)
      );
      CREATE TABLE IF NOT EXISTS health (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        probed_at BIGINT NOT NULL
      );
    `,
  },
  {
    name: `storage-2-versions:${M}`,
    sql: `
      CREATE TABLE ${V} (
        map_id TEXT NOT NULL REFERENCES ${M}(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        author TEXT NOT NULL,
        auto BOOLEAN NOT NULL,
        changes JSONB NOT NULL,
        snapshot BYTEA NOT NULL,
        PRIMARY KEY (map_id, id)
      );
      CREATE INDEX ${V}_by_time ON ${V} (map_id, created_at);
    `,
  },
  attributionMigration({ M, A }),
];

interface Tables {
  readonly M: string;
  readonly U: string;
  readonly V: string;
  readonly A: string;
}

interface MapRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  summary: MapSummary | null;
}

export interface PgStorageOptions {
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number;
  /** Called with errors of idle connections (the server went away); they never throw. */
  readonly onIdleError?: (error: Error) => void;
  /**
   * Keep these documents in tables of their own (`<namespace>_maps`, `<namespace>_updates`):
   * the relay keeps each map's review document under `review`, as it does in SQLite.
   */
  readonly namespace?: string;
}

/**
 * Storage in PostgreSQL (`DATABASE_URL=postgres://…`), for deployments that outgrow one
 * process. The same promise as SQLite: `append` resolves only after PostgreSQL has committed
 * (with the server's default `synchronous_commit = on`, after the WAL is flushed), so an
 * edit is durable before anyone else sees it; the relay's commit queue already groups the
 * messages of a moment into one `append`, which is one transaction here (group commit).
 *
 * Log positions are per map (`maps.last_seq`), handed out under the map row's lock, so
 * two relays appending to one map serialise on that row and positions never skip.
 * Compaction holds a per-map advisory lock, so two relays never fold the same log at once.
 */
export class PgStorage implements Storage {
  private readonly versions: PgVersions;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly t: Tables,
  ) {
    this.versions = new PgVersions(pool, t);
  }

  /** Connects, runs pending schema migrations and returns the storage. */
  static async open(url: string, options: PgStorageOptions = {}): Promise<PgStorage> {
    const ns = options.namespace;
    if (ns !== undefined && !NAMESPACE.test(ns)) {
      throw new Error(`A storage namespace is 1–20 lowercase letters, not "${ns}".`);
    }
    const tables = {
      M: ns ? `${ns}_maps` : 'maps',
      U: ns ? `${ns}_updates` : 'updates',
      V: ns ? `${ns}_versions` : 'versions',
      A: ns ? `${ns}_attribution` : 'attribution',
    };
    const pool = await openMigratedPool(url, migrations(tables), {
      max: options.maxConnections ?? 10,
      onIdleError: options.onIdleError,
    });
    return new PgStorage(pool, tables);
  }

  async create(map: NewMap): Promise<MapMeta> {
    try {
      await this.pool.query(
        `INSERT INTO ${this.t.M} (id, title, created_at, updated_at, snapshot, summary)
         VALUES ($1, $2, $3, $3, $4, $5)`,
        [map.id, map.title, map.createdAt, Buffer.from(map.snapshot), map.summary ?? null],
      );
    } catch (error) {
      if (pgCode(error) === '23505') throw new MapExistsError(map.id);
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
    const { rows } = await this.read<MapRow>(
      `SELECT id, title, created_at, updated_at, summary FROM ${this.t.M} WHERE id = $1`,
      [id],
    );
    return rows[0] ? toMeta(rows[0]) : null;
  }

  async list(): Promise<MapMeta[]> {
    const { rows } = await this.read<MapRow>(
      `SELECT id, title, created_at, updated_at, summary FROM ${this.t.M} ORDER BY updated_at DESC, id`,
    );
    return rows.map(toMeta);
  }

  async load(id: string): Promise<StoredMap | null> {
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const head = await client.query<{ snapshot: Buffer; snapshot_seq: string }>(
        `SELECT snapshot, snapshot_seq FROM ${this.t.M} WHERE id = $1`,
        [id],
      );
      const row = head.rows[0];
      if (!row) return null;
      const log = await client.query<{ seq: string; data: Buffer }>(
        `SELECT seq, data FROM ${this.t.U} WHERE map_id = $1 AND seq > $2 ORDER BY seq`,
        [id, row.snapshot_seq],
      );
      let lastSeq = Number(row.snapshot_seq);
      let updateBytes = 0;
      const updates = log.rows.map((r) => {
        lastSeq = Number(r.seq);
        updateBytes += r.data.byteLength;
        return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
      });
      const snapshot = new Uint8Array(
        row.snapshot.buffer,
        row.snapshot.byteOffset,
        row.snapshot.byteLength,
      );
      return { snapshot, updates, lastSeq, updateBytes };
    });
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    // Entries grouped by map, keeping their order; each map's positions are reserved in one
    // statement that also locks its row until the commit.
    const byMap = new Map<string, number[]>();
    entries.forEach((entry, i) => {
      const list = byMap.get(entry.mapId);
      if (list) list.push(i);
      else byMap.set(entry.mapId, [i]);
    });
    const now = Date.now();
    return this.transaction('BEGIN', async (client) => {
      const seqs = new Array<number>(entries.length);
      const mapIds: string[] = [];
      const positions: number[] = [];
      const data: Buffer[] = [];
      // Rows locked in id order, so two relays appending to the same maps never deadlock.
      for (const mapId of [...byMap.keys()].sort()) {
        const indices = byMap.get(mapId) ?? [];
        const reserved = await client.query<{ last_seq: string }>(
          `UPDATE ${this.t.M} SET last_seq = last_seq + $2, updated_at = $3, summary = NULL
           WHERE id = $1 RETURNING last_seq`,
          [mapId, indices.length, now],
        );
        const row = reserved.rows[0];
        if (!row) throw new UnknownMapError(mapId);
        const first = Number(row.last_seq) - indices.length + 1;
        indices.forEach((entryIndex, k) => {
          const entry = entries[entryIndex];
          if (!entry) return;
          seqs[entryIndex] = first + k;
          mapIds.push(mapId);
          positions.push(first + k);
          data.push(
            Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength),
          );
        });
      }
      await client.query(
        `INSERT INTO ${this.t.U} (map_id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])`,
        [mapIds, positions, data],
      );
      await writeAuthors(client, this.t.A, foldStamps(stamped(entries)));
      return seqs;
    });
  }

  async compact(
    id: string,
    snapshot: Uint8Array,
    throughSeq: number,
    title?: string,
    summary?: MapSummary,
  ): Promise<void> {
    await this.transaction('BEGIN', async (client) => {
      // One compaction per map at a time, whichever relay runs it.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('warrant-compact:' || $1))", [id]);
      const moved = await client.query(
        `UPDATE ${this.t.M} SET snapshot = $1, snapshot_seq = $2 WHERE id = $3 AND snapshot_seq <= $2`,
        [Buffer.from(snapshot), throughSeq, id],
      );
      if (moved.rowCount === 0) {
        const exists = await client.query(`SELECT 1 FROM ${this.t.M} WHERE id = $1`, [id]);
        if (exists.rowCount === 0) throw new UnknownMapError(id);
        return; // a newer snapshot is already stored; this one would lose its updates
      }
      await client.query(`DELETE FROM ${this.t.U} WHERE map_id = $1 AND seq <= $2`, [
        id,
        throughSeq,
      ]);
      if (title !== undefined)
        await client.query(`UPDATE ${this.t.M} SET title = $1 WHERE id = $2`, [title, id]);
      const left = await client.query(`SELECT 1 FROM ${this.t.U} WHERE map_id = $1 LIMIT 1`, [id]);
      const current = summary !== undefined && left.rowCount === 0;
      await client.query(`UPDATE ${this.t.M} SET summary = $1 WHERE id = $2`, [
        current ? summary : null,
        id,
      ]);
    });
  }

  async heads(ids: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.read<{ id: string; last_seq: string }>(
      `SELECT id, last_seq FROM ${this.t.M} WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.last_seq)]));
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

  async exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    const taken = await this.connection();
    const { client } = taken;
    const key = `warrant-exclusive:${this.t.M}:${name}`;
    try {
      // A session lock held on its own connection while `work` uses the pool as usual.
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      taken.release();
    }
  }

  async recordAuthors(mapId: string, stamps: readonly AuthorStamp[]): Promise<void> {
    await this.transaction('BEGIN', async (client) => {
      const exists = await client.query(`SELECT 1 FROM ${this.t.M} WHERE id = $1 FOR SHARE`, [
        mapId,
      ]);
      if (exists.rowCount === 0) throw new UnknownMapError(mapId);
      await writeAuthors(client, this.t.A, foldStamps(stamps.map((stamp) => ({ mapId, stamp }))));
    });
  }

  async authorsOf(mapId: string): Promise<ClientAuthor[]> {
    try {
      return await readAuthors(this.pool, this.t.A, mapId);
    } catch (error) {
      throw unavailable(error);
    }
  }

  async probe(): Promise<void> {
    try {
      await this.pool.query(
        'INSERT INTO health (id, probed_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at',
        [Date.now()],
      );
    } catch (error) {
      throw unavailable(error);
    }
  }

  async delete(id: string): Promise<boolean> {
    try {
      const { rowCount } = await this.pool.query(`DELETE FROM ${this.t.M} WHERE id = $1`, [id]);
      return (rowCount ?? 0) > 0;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async read<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** A connection of the pool to itself; `StorageUnavailableError` when none can be had. */
  private async connection(): Promise<Checkout> {
    try {
      return await checkout(this.pool);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Runs `work` in one transaction; rolls back (and rethrows) if it throws. */
  private async transaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>) {
    const taken = await this.connection();
    const { client } = taken;
    let broken = false;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = isConnectionFailure(error);
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw unavailable(error);
    } finally {
      // A connection that failed mid-transaction is discarded, not reused.
      taken.release(broken);
    }
  }
}

function toMeta(row: MapRow): MapMeta {
  const meta = {
    id: row.id,
    title: row.title,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
  return row.summary === null ? meta : { ...meta, summary: row.summary };
}
