import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ROLES, SHARE_ROLES } from '@warrant/shared';
import type { AuthStore, Grant, LinkInfo, NewLink, Role, ShareRole } from '../Auth.ts';
import { hashToken, newLinkId, newToken, TOKEN_PATTERN } from '../tokens.ts';

interface LinkRow {
  id: string;
  map_id: string;
  role: Role;
  created_at: number;
  revoked_at: number | null;
  label: string | null;
}

const toInfo = (r: LinkRow): LinkInfo => ({
  id: r.id,
  mapId: r.map_id,
  role: r.role,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  label: r.label,
});

/** Share links in SQLite (the relay's database file; its own table). Tokens only as hashes. */
export class SqliteAuth implements AuthStore {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.setUp();
    const db = this.db;
    this.stmt = {
      insert: db.prepare(
        'INSERT INTO share_links (id, map_id, role, token_hash, created_at, label) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare<[string], LinkRow>(
        'SELECT id, map_id, role, created_at, revoked_at, label FROM share_links WHERE map_id = ? ORDER BY created_at, id',
      ),
      revoke: db.prepare(
        'UPDATE share_links SET revoked_at = ? WHERE map_id = ? AND id = ? AND revoked_at IS NULL',
      ),
      exists: db.prepare<[string, string], { id: string }>(
        'SELECT id FROM share_links WHERE map_id = ? AND id = ?',
      ),
      byHash: db.prepare<[string], LinkRow>(
        'SELECT id, map_id, role, created_at, revoked_at, label FROM share_links WHERE token_hash = ?',
      ),
      deleteMap: db.prepare('DELETE FROM share_links WHERE map_id = ?'),
      setPublic: db.prepare(
        'INSERT INTO public_maps (map_id, role) VALUES (?, ?) ON CONFLICT(map_id) DO UPDATE SET role = excluded.role',
      ),
      unsetPublic: db.prepare('DELETE FROM public_maps WHERE map_id = ?'),
      publicRole: db.prepare<[string], { role: ShareRole }>(
        'SELECT role FROM public_maps WHERE map_id = ?',
      ),
      publicMaps: db.prepare<[], { map_id: string }>(
        'SELECT map_id FROM public_maps ORDER BY map_id',
      ),
    };
  }

  /**
   * Creates the tables, or widens the role checks of tables written before a role existed
   * (the commenter): SQLite cannot alter a CHECK, so such a table is copied into a new one
   * in one transaction.
   */
  private setUp(): void {
    const tables = {
      share_links: `(
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN (${sqlList(ROLES)})),
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        label TEXT
      ) STRICT`,
      public_maps: `(
        map_id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN (${sqlList(SHARE_ROLES)}))
      ) STRICT`,
    };
    const roles = { share_links: ROLES, public_maps: SHARE_ROLES };
    this.db.transaction(() => {
      for (const [name, columns] of Object.entries(tables)) {
        const existing = this.db
          .prepare<[string], { sql: string }>('SELECT sql FROM sqlite_master WHERE name = ?')
          .get(name);
        if (!existing) {
          this.db.exec(`CREATE TABLE ${name} ${columns}`);
          continue;
        }
        const known = roles[name as keyof typeof roles];
        if (known.every((r) => existing.sql.includes(`'${r}'`))) continue;
        // The old table's own columns: a file older than link labels has no `label`.
        const kept = this.db
          .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
          .all()
          .map((c) => c.name)
          .join(', ');
        this.db.exec(`
          CREATE TABLE ${name}_widened ${columns};
          INSERT INTO ${name}_widened (${kept}) SELECT ${kept} FROM ${name};
          DROP TABLE ${name};
          ALTER TABLE ${name}_widened RENAME TO ${name};
        `);
      }
      // Files written before links had labels gain the column, empty for their links.
      const hasLabel = this.db
        .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('share_links')")
        .all()
        .some((c) => c.name === 'label');
      if (!hasLabel) this.db.exec('ALTER TABLE share_links ADD COLUMN label TEXT');
      this.db.exec(
        'CREATE INDEX IF NOT EXISTS share_links_by_map ON share_links(map_id, created_at)',
      );
    })();
  }

  async createLink(mapId: string, role: Role, label: string | null = null): Promise<NewLink> {
    const token = newToken();
    const row: LinkRow = {
      id: newLinkId(),
      map_id: mapId,
      role,
      created_at: Date.now(),
      revoked_at: null,
      label,
    };
    this.stmt.insert.run(row.id, mapId, role, hashToken(token), row.created_at, label);
    return { ...toInfo(row), token };
  }

  async listLinks(mapId: string): Promise<LinkInfo[]> {
    return this.stmt.list.all(mapId).map(toInfo);
  }

  async revokeLink(mapId: string, linkId: string): Promise<boolean> {
    if (!this.stmt.exists.get(mapId, linkId)) return false;
    this.stmt.revoke.run(Date.now(), mapId, linkId);
    return true;
  }

  async resolve(token: string): Promise<Grant | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const row = this.stmt.byHash.get(hashToken(token));
    if (!row || row.revoked_at !== null) return null;
    return { mapId: row.map_id, role: row.role, linkId: row.id };
  }

  async setPublicRole(mapId: string, role: ShareRole | null): Promise<void> {
    if (role) this.stmt.setPublic.run(mapId, role);
    else this.stmt.unsetPublic.run(mapId);
  }

  async publicRole(mapId: string): Promise<ShareRole | null> {
    return this.stmt.publicRole.get(mapId)?.role ?? null;
  }

  async publicMaps(): Promise<string[]> {
    return this.stmt.publicMaps.all().map((r) => r.map_id);
  }

  async deleteMap(mapId: string): Promise<void> {
    this.db.transaction(() => {
      this.stmt.deleteMap.run(mapId);
      this.stmt.unsetPublic.run(mapId);
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Role names as an SQL list: `'owner', 'editor'`. Names are the protocol's own constants. */
function sqlList(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}
