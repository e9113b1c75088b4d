import Database from 'better-sqlite3';

/**
 * Whether another connection (a running relay, in this process or another) has the SQLite
 * file open. A connection in WAL mode holds a shared lock on the file for as long as it is
 * open, and SQLite asks for an exclusive lock when it closes one, to tell whether it was the
 * last; this asks the same question, without waiting, and lets go at once. The operating
 * system drops the locks of a process that dies, so a relay killed hard does not count.
 *
 * A relay started just after this answers false is not seen: callers that write keep their
 * writes short, and SQLite's own locking keeps each one safe.
 */
export function sqliteInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if (isBusy(error)) return true;
    throw error;
  } finally {
    db.close();
  }
}

function isBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'))
  );
}
