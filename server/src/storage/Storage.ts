/**
 * The storage seam. Rooms talk to maps on disk only through this interface, so SQLite (the
 * embedded default) and PostgreSQL (next) are interchangeable; every backend passes the one
 * contract suite in `storageContract.ts`.
 *
 * A map is stored as a snapshot (one Yjs update holding the whole document at some point)
 * plus an append-only log of the updates committed since. Loading applies both; compaction
 * folds a prefix of the log into a new snapshot.
 */
import type { AttributionStore, AuthorStamp } from './Attribution.ts';
import type { VersionStore } from './Versions.ts';

/** What the relay knows about a map without loading its document. */
export interface MapMeta {
  readonly id: string;
  readonly title: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  /** When an update was last committed (or the map created), ms since the epoch. */
  readonly updatedAt: number;
  /**
   * What the map holds, if storage knows it for the map exactly as committed: present only
   * while the log holds nothing past the snapshot it describes (every append clears it).
   */
  readonly summary?: MapSummary;
}

/**
 * A map's content described without its document (its schema version and counts by kind),
 * written with a snapshot so the API can answer for a map that is not loaded without
 * decoding it. Storage keeps it opaque: the model names the counts.
 */
export interface MapSummary {
  readonly schemaVersion: number;
  readonly stats: Readonly<Record<string, number>>;
}

/** Everything needed to rebuild a map's document. */
export interface StoredMap {
  /** The whole document at `snapshotSeq`, as one Yjs update. */
  readonly snapshot: Uint8Array;
  /** Updates committed after the snapshot, oldest first. */
  readonly updates: readonly Uint8Array[];
  /** The log position of the last update in `updates` (or the snapshot's if none). */
  readonly lastSeq: number;
  /** Total bytes in `updates`, so callers can decide when to compact. */
  readonly updateBytes: number;
}

/** One update to append to one map's log. */
export interface AppendEntry {
  readonly mapId: string;
  readonly update: Uint8Array;
  /** Who committed it, recorded in the same transaction (see `Attribution.ts`). */
  readonly authors?: AuthorStamp;
}

export interface NewMap {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  /** The whole initial document as one Yjs update. */
  readonly snapshot: Uint8Array;
  /** What the initial document holds. */
  readonly summary?: MapSummary;
}

/** Thrown by `create` when the id is already taken. */
export class MapExistsError extends Error {
  constructor(readonly mapId: string) {
    super(`Map ${mapId} already exists`);
    this.name = 'MapExistsError';
  }
}

/** Thrown by `append` when an entry names a map that does not exist (nothing is written). */
export class UnknownMapError extends Error {
  constructor(readonly mapId: string) {
    super(`Map ${mapId} does not exist`);
    this.name = 'UnknownMapError';
  }
}

/**
 * Thrown by writes when storage cannot take them (full disk, read-only file, I/O error):
 * nothing was written. `message` says what the backend reported.
 */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(describeCause(cause), { cause });
    this.name = 'StorageUnavailableError';
  }
}

/**
 * The error as a `StorageUnavailableError` if it is one, or an I/O failure a backend threw
 * without wrapping (a database driver's error code such as SQLITE_FULL or SQLITE_READONLY);
 * null for anything else (bugs, constraint violations, model errors).
 */
export function asStorageUnavailable(error: unknown): StorageUnavailableError | null {
  if (error instanceof StorageUnavailableError) return error;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const code = error.code;
    if (IO_FAILURE_CODES.some((c) => code.startsWith(c))) return new StorageUnavailableError(error);
  }
  return null;
}

const IO_FAILURE_CODES = [
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PROTOCOL',
  'ENOSPC',
  'EROFS',
  'EIO',
];

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as Error & { code?: unknown }).code;
  return typeof code === 'string' && !cause.message.includes(code)
    ? `${code}: ${cause.message}`
    : cause.message;
}

/**
 * Maps, their logs, (`VersionStore`, in `Versions.ts`) their saved versions, and
 * (`AttributionStore`, in `Attribution.ts`) who is behind each client id.
 */
export interface Storage extends VersionStore, AttributionStore {
  /** Creates a map with its initial snapshot. Throws `MapExistsError` if the id is taken. */
  create(map: NewMap): Promise<MapMeta>;

  /** The map's metadata, or null if it does not exist. */
  meta(id: string): Promise<MapMeta | null>;

  /** Every map's metadata, most recently updated first. */
  list(): Promise<MapMeta[]>;

  /** The map's snapshot and log, or null if it does not exist. */
  load(id: string): Promise<StoredMap | null>;

  /**
   * Appends the entries (possibly for several maps) in one atomic, durable commit: when the
   * promise resolves, all of them survive a crash or power loss; if it rejects, none were
   * written. Resolves with each entry's log position, increasing in entry order. Entries'
   * `authors` are recorded in the same transaction.
   */
  append(entries: readonly AppendEntry[]): Promise<number[]>;

  /**
   * Replaces the snapshot with `snapshot` and drops log entries at positions ≤ `throughSeq`,
   * atomically. Entries appended after `throughSeq` stay, so updates committed while the
   * caller built the snapshot are never lost. `title` refreshes the metadata if given.
   * A snapshot older than the stored one (`throughSeq` below it) is ignored, so a slow
   * compaction can never overwrite a newer one. Throws `UnknownMapError` for unknown ids.
   * `summary` describes the snapshot; it is kept only if no log entry is left after it.
   */
  compact(
    id: string,
    snapshot: Uint8Array,
    throughSeq: number,
    title?: string,
    summary?: MapSummary,
  ): Promise<void>;

  /**
   * A small durable write that touches no map: resolves once it is committed, rejects if
   * storage cannot take writes (full disk, read-only file, I/O error). The relay probes with
   * it while storage is failing, to notice when it recovers.
   */
  probe(): Promise<void>;

  /**
   * The last log position of each of these maps (unknown ids are left out). Backends that
   * several relays share implement it, so a relay can notice it missed another's update
   * even when no later one arrives to reveal the gap.
   */
  heads?(ids: readonly string[]): Promise<Map<string, number>>;

  /**
   * Runs `work` while no other relay on this storage runs work under the same `name`
   * (e.g. creating the sample map on an empty database, which relays starting together must
   * do once). Backends that several relays share implement it; one relay alone needs none.
   */
  exclusive?<T>(name: string, work: () => Promise<T>): Promise<T>;

  /** Deletes the map and its log. Resolves false if it did not exist. */
  delete(id: string): Promise<boolean>;

  /** Flushes and releases the backend; no other call may follow. */
  close(): Promise<void>;
}
