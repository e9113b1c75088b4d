import pg from 'pg';
import { checkout } from './checkout.ts';

/** One schema change, applied once per database and recorded by name. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** Any number: the key of the advisory lock that serialises migrations across relays. */
const MIGRATION_LOCK = 0x77617272; // "warr"

/**
 * Brings the database's schema up to date on start: each migration not yet recorded in
 * `warrant_migrations` runs in its own transaction, in order. Relays starting together
 * take turns under one advisory lock, so each step runs exactly once.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  const taken = await checkout(pool);
  const { client } = taken;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS warrant_migrations (
        name TEXT PRIMARY KEY,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
      const done = new Set(
        (await client.query<{ name: string }>('SELECT name FROM warrant_migrations')).rows.map(
          (r) => r.name,
        ),
      );
      for (const step of migrations) {
        if (done.has(step.name)) continue;
        await client.query('BEGIN');
        try {
          await client.query(step.sql);
          await client.query('INSERT INTO warrant_migrations (name) VALUES ($1)', [step.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    taken.release();
  }
}

/**
 * A pool on `url` whose schema `migrate` has brought up to date; ended again if that fails,
 * so a relay that cannot start leaves no connections open. An idle connection the server
 * drops goes to `onIdleError` rather than becoming an uncaught exception.
 */
export async function openMigratedPool(
  url: string,
  migrations: readonly Migration[],
  options: { max: number; onIdleError?: ((error: Error) => void) | undefined },
): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max });
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await migrate(pool, migrations);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return pool;
}
