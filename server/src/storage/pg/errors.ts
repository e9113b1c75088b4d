import { StorageUnavailableError, UnknownMapError } from '../Storage.ts';

/** PostgreSQL's SQLSTATE (or node's socket error code) of an error, if it has one. */
export function pgCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/**
 * PostgreSQL's "cannot take this now" conditions (connection lost or refused, server shutting
 * down, disk full, read-only) as `StorageUnavailableError`, so the relay degrades the same
 * way it does for a full SQLite disk; model errors and bugs pass unchanged.
 */
export function unavailable(error: unknown): unknown {
  if (error instanceof StorageUnavailableError || error instanceof UnknownMapError) return error;
  return isConnectionFailure(error) ? new StorageUnavailableError(error) : error;
}

export function isConnectionFailure(error: unknown): boolean {
  const code = pgCode(error);
  if (code === undefined) {
    // node-postgres' own errors for a connection that ended.
    return (
      error instanceof Error &&
      /Connection terminated|connection.*(ended|closed)/i.test(error.message)
    );
  }
  return (
    code.startsWith('08') || // connection exception
    code.startsWith('53') || // insufficient resources (disk full, out of memory, too many connections)
    code.startsWith('57P') || // operator intervention (shutdown, crash)
    code === '25006' || // read-only transaction
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === 'EPIPE'
  );
}
