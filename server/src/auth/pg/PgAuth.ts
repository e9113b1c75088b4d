import type pg from 'pg';
import { openMigratedPool, type Migration } from '../../storage/pg/migrate.ts';
import type { AuthStore, Grant, LinkInfo, NewLink, Role, ShareRole } from '../Auth.ts';
import { hashToken, newLinkId, newToken, TOKEN_PATTERN } from '../tokens.ts';

const MIGRATIONS: readonly Migration[] = [
  {
    name: 'auth-1-share-links',
    sql: `
      CREATE TABLE share_links (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX share_links_by_map ON share_links (map_id, created_at);
      CREATE TABLE public_maps (
        map_id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('editor', 'commenter', 'viewer'))
      );
    `,
  },
  {
    name: 'auth-2-link-labels',
    sql: 'ALTER TABLE share_links ADD COLUMN label TEXT',
  },
];

interface LinkRow {
  id: string;
  map_id: string;
  role: Role;
  created_at: string;
  revoked_at: string | null;
  label: string | null;
}

const toInfo = (r: LinkRow): LinkInfo => ({
  id: r.id,
  mapId: r.map_id,
  role: r.role,
  createdAt: Number(r.created_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  label: r.label,
});

/** Share links in PostgreSQL, beside the maps (`DATABASE_URL`). Tokens only as hashes. */
export class PgAuth implements AuthStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string, onIdleError?: (error: Error) => void): Promise<PgAuth> {
    return new PgAuth(await openMigratedPool(url, MIGRATIONS, { max: 4, onIdleError }));
  }

  async createLink(mapId: string, role: Role, label: string | null = null): Promise<NewLink> {
    const token = newToken();
    const row: LinkRow = {
      id: newLinkId(),
      map_id: mapId,
      role,
      created_at: String(Date.now()),
      revoked_at: null,
      label,
    };
    await this.pool.query(
      'INSERT INTO share_links (id, map_id, role, token_hash, created_at, label) VALUES ($1, $2, $3, $4, $5, $6)',
      [row.id, mapId, role, hashToken(token), row.created_at, label],
    );
    return { ...toInfo(row), token };
  }

  async listLinks(mapId: string): Promise<LinkInfo[]> {
    const { rows } = await this.pool.query<LinkRow>(
      'SELECT id, map_id, role, created_at, revoked_at, label FROM share_links WHERE map_id = $1 ORDER BY created_at, id',
      [mapId],
    );
    return rows.map(toInfo);
  }

  async revokeLink(mapId: string, linkId: string): Promise<boolean> {
    const exists = await this.pool.query(
      'SELECT 1 FROM share_links WHERE map_id = $1 AND id = $2',
      [mapId, linkId],
    );
    if (exists.rowCount === 0) return false;
    await this.pool.query(
      'UPDATE share_links SET revoked_at = $1 WHERE map_id = $2 AND id = $3 AND revoked_at IS NULL',
      [Date.now(), mapId, linkId],
    );
    return true;
  }

  async resolve(token: string): Promise<Grant | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const { rows } = await this.pool.query<LinkRow>(
      'SELECT id, map_id, role, created_at, revoked_at, label FROM share_links WHERE token_hash = $1',
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row || row.revoked_at !== null) return null;
    return { mapId: row.map_id, role: row.role, linkId: row.id };
  }

  async setPublicRole(mapId: string, role: ShareRole | null): Promise<void> {
    if (role) {
      await this.pool.query(
        'INSERT INTO public_maps (map_id, role) VALUES ($1, $2) ON CONFLICT (map_id) DO UPDATE SET role = excluded.role',
        [mapId, role],
      );
    } else {
      await this.pool.query('DELETE FROM public_maps WHERE map_id = $1', [mapId]);
    }
  }

  async publicRole(mapId: string): Promise<ShareRole | null> {
    const { rows } = await this.pool.query<{ role: ShareRole }>(
      'SELECT role FROM public_maps WHERE map_id = $1',
      [mapId],
    );
    return rows[0]?.role ?? null;
  }

  async publicMaps(): Promise<string[]> {
    const { rows } = await this.pool.query<{ map_id: string }>(
      'SELECT map_id FROM public_maps ORDER BY map_id',
    );
    return rows.map((r) => r.map_id);
  }

  async deleteMap(mapId: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM share_links WHERE map_id = $1', [mapId]);
      await client.query('DELETE FROM public_maps WHERE map_id = $1', [mapId]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
