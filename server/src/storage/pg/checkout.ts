import type pg from 'pg';

/** A connection taken from the pool for several queries in a row (`checkout`). */
export interface Checkout {
  client: pg.PoolClient;
  /** Whether the connection failed while checked out (it is discarded on release). */
  readonly lost: boolean;
  /** Gives the connection back; a lost or `broken` one is closed, not reused. */
  release(broken?: boolean): void;
}

/**
 * Takes a connection from the pool. While a connection is checked out the pool no longer
 * listens for its errors, so one the server ends between two queries (a failover, an
 * administrator's `pg_terminate_backend`) would emit an unhandled 'error' and end the process.
 * Here it is only noted: the next query on it fails as usual, and release discards it.
 */
export async function checkout(pool: pg.Pool): Promise<Checkout> {
  const client = await pool.connect();
  let lost = false;
  const onError = () => {
    lost = true;
  };
  client.on('error', onError);
  return {
    client,
    get lost() {
      return lost;
    },
    release(broken = false) {
      client.off('error', onError);
      client.release(broken || lost);
    },
  };
}
