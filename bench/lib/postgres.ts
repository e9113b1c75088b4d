import {
  findPostgresBin,
  startTestCluster,
  type TestCluster,
} from '../../server/src/storage/pg/testCluster.ts';

/**
 * One PostgreSQL cluster for the figures that need it, started on first use (the
 * distribution's `initdb` into a temporary directory, loopback only) with its crash safety
 * on: `fsync` and full-page writes, as a deployment runs it, since SQLite fsyncs every commit.
 */
let cluster: TestCluster | null = null;

/** A new database on the run's cluster (started now if it is not yet). */
export async function postgresUrl(): Promise<string> {
  if (!findPostgresBin()) {
    throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql)');
  }
  cluster ??= await startTestCluster({ durable: true });
  return cluster.createDatabase();
}

/** Stops the run's cluster, if a figure started one. */
export async function stopPostgres(): Promise<void> {
  await cluster?.stop();
  cluster = null;
}
