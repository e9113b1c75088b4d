import type Database from 'better-sqlite3';
import type { AttributionStore, AuthorRow, AuthorStamp, ClientAuthor } from '../Attribution.ts';
import { foldStamps, isAuthorKey } from '../Attribution.ts';
import { UnknownMapError } from '../Storage.ts';

/** The attribution table and the maps table it belongs to (a storage namespace's own). */
export interface AttributionTables {
  readonly M: string;
  readonly A: string;
}

/** Creates the attribution table if the file has none (files from before it get it on open). */
export function createAttributionTable(db: Database.Database, { M, A }: AttributionTables): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${A} (
      map_id TEXT NOT NULL REFERENCES ${M}(id) ON DELETE CASCADE,
      client_id INTEGER NOT NULL,
      author TEXT NOT NULL,
      role TEXT,
      first_seen INTEGER NOT NULL,
      last_seen INTEGER NOT NULL,
      updates INTEGER NOT NULL,
      PRIMARY KEY (map_id, client_id)
    ) STRICT;
  `);
}

interface Row {
  client_id: number;
  author: string;
  role: string | null;
  first_seen: number;
  last_seen: number;
  updates: number;
}

/**
 * Attribution in the map's SQLite file. `write` runs inside the caller's transaction (the
 * append's), so a committed update always has its authors. Statements are prepared on first
 * use, so a read-only open of a file that predates the table works until it asks for one.
 */
export class SqliteAttribution implements AttributionStore {
  private prepared: ReturnType<SqliteAttribution['prepare']> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly unavailable: (error: unknown) => unknown,
    private readonly t: AttributionTables,
  ) {}

  /** Upserts `foldStamps`' layers; call inside a transaction. A client id's first author keeps it. */
  write(layers: readonly (readonly AuthorRow[])[]): void {
    if (layers.length === 0) return;
    const { upsert } = this.stmt();
    for (const rows of layers) {
      for (const r of rows) {
        upsert.run(r.mapId, r.clientId, r.author, r.role, r.firstSeen, r.lastSeen, r.updates);
      }
    }
  }

  async recordAuthors(mapId: string, stamps: readonly AuthorStamp[]): Promise<void> {
    const { exists } = this.stmt();
    try {
      this.db
        .transaction(() => {
          if (!exists.get(mapId)) throw new UnknownMapError(mapId);
          this.write(foldStamps(stamps.map((stamp) => ({ mapId, stamp }))));
        })
        .immediate();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  async authorsOf(mapId: string): Promise<ClientAuthor[]> {
    const out: ClientAuthor[] = [];
    for (const r of this.stmt().list.iterate(mapId)) {
      if (!isAuthorKey(r.author)) continue;
      out.push({
        clientId: r.client_id,
        author: r.author,
        role: r.role,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        updates: r.updates,
      });
    }
    return out;
  }

  private stmt() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    const { M, A } = this.t;
    return {
      upsert: this.db.prepare<[string, number, string, string | null, number, number, number]>(
        `INSERT INTO ${A} (map_id, client_id, author, role, first_seen, last_seen, updates)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (map_id, client_id) DO UPDATE SET
           first_seen = min(first_seen, excluded.first_seen),
           last_seen = max(last_seen, excluded.last_seen),
           updates = updates + excluded.updates
         WHERE author = excluded.author`,
      ),
      list: this.db.prepare<[string], Row>(
        `SELECT client_id, author, role, first_seen, last_seen, updates FROM ${A}
         WHERE map_id = ? ORDER BY client_id`,
      ),
      exists: this.db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM ${M} WHERE id = ?`),
    };
  }
}
