import type pg from 'pg';
import type { AuthorRow, ClientAuthor } from '../Attribution.ts';
import { isAuthorKey } from '../Attribution.ts';
import type { Migration } from './migrate.ts';

/** The attribution table and the maps table it belongs to (a storage namespace's own). */
export interface AttributionTables {
  readonly M: string;
  readonly A: string;
}

/** The migration that adds a namespace's attribution table. */
export const attributionMigration = ({ M, A }: AttributionTables): Migration => ({
  name: `storage-3-attribution:${M}`,
  sql: `
    CREATE TABLE ${A} (
      map_id TEXT NOT NULL REFERENCES ${M}(id) ON DELETE CASCADE,
      client_id BIGINT NOT NULL,
      author TEXT NOT NULL,
      role TEXT,
      first_seen BIGINT NOT NULL,
      last_seen BIGINT NOT NULL,
      updates BIGINT NOT NULL,
      PRIMARY KEY (map_id, client_id)
    );
  `,
});

/**
 * Upserts the rows in one statement on the caller's client (inside the append's transaction).
 * The first author of a client id keeps it: a row already owned by someone else is untouched.
 * Each of `foldStamps`' layers holds a (map, client id) once, as one statement must.
 */
export async function writeAuthors(
  client: pg.PoolClient | pg.Pool,
  A: string,
  layers: readonly (readonly AuthorRow[])[],
): Promise<void> {
  for (const rows of layers) await writeLayer(client, A, rows);
}

async function writeLayer(
  client: pg.PoolClient | pg.Pool,
  A: string,
  rows: readonly AuthorRow[],
): Promise<void> {
  await client.query(
    `INSERT INTO ${A} AS a (map_id, client_id, author, role, first_seen, last_seen, updates)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
     ON CONFLICT (map_id, client_id) DO UPDATE SET
       first_seen = LEAST(a.first_seen, excluded.first_seen),
       last_seen = GREATEST(a.last_seen, excluded.last_seen),
       updates = a.updates + excluded.updates
     WHERE a.author = excluded.author`,
    [
      rows.map((r) => r.mapId),
      rows.map((r) => r.clientId),
      rows.map((r) => r.author),
      rows.map((r) => r.role),
      rows.map((r) => r.firstSeen),
      rows.map((r) => r.lastSeen),
      rows.map((r) => r.updates),
    ],
  );
}

interface Row {
  client_id: string;
  author: string;
  role: string | null;
  first_seen: string;
  last_seen: string;
  updates: string;
}

/** Every client id recorded for the document. */
export async function readAuthors(
  pool: pg.Pool,
  A: string,
  mapId: string,
): Promise<ClientAuthor[]> {
  const { rows } = await pool.query<Row>(
    `SELECT client_id, author, role, first_seen, last_seen, updates FROM ${A}
     WHERE map_id = $1 ORDER BY client_id`,
    [mapId],
  );
  const out: ClientAuthor[] = [];
  for (const r of rows) {
    if (!isAuthorKey(r.author)) continue;
    out.push({
      clientId: Number(r.client_id),
      author: r.author,
      role: r.role,
      firstSeen: Number(r.first_seen),
      lastSeen: Number(r.last_seen),
      updates: Number(r.updates),
    });
  }
  return out;
}
