/**
 * Versions of a map behind the storage seam: named snapshots people save, and automatic ones
 * the relay takes when a map goes quiet after edits. Every backend keeps them beside its maps
 * (deleting a map deletes its versions) and passes the contract in `versionContract.ts`.
 *
 * A version holds the whole document as one Yjs update, not a position in the log: the log
 * is folded away by compaction, and a snapshot opens on its own, read-only, with no room.
 */

/** What is listed about a version, without its snapshot. */
export interface VersionMeta {
  /** Short and url-safe: it appears in `/api/maps/:id/versions/:v`. */
  readonly id: string;
  readonly mapId: string;
  readonly name: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  /** Who saved it: a display name if the client said one, else the role of their link. */
  readonly author: string;
  /** Taken by the relay after a quiet period; pruned beyond a limit, unlike named ones. */
  readonly auto: boolean;
  /**
   * How much changed since the version before it (counts by kind of change). Storage keeps
   * it opaque, as it keeps a map's summary: the model names the counts.
   */
  readonly changes: Readonly<Record<string, number>>;
}

export interface StoredVersion extends VersionMeta {
  /** The whole document when the version was taken, as one Yjs update. */
  readonly snapshot: Uint8Array;
}

/** A version's listed fields alone (a stored version without its snapshot). */
export function versionMeta(v: VersionMeta): VersionMeta {
  return {
    id: v.id,
    mapId: v.mapId,
    name: v.name,
    createdAt: v.createdAt,
    author: v.author,
    auto: v.auto,
    changes: v.changes,
  };
}

export interface VersionStore {
  /**
   * Stores a version, durable on return. Throws `UnknownMapError` if the map does not exist
   * and `VersionExistsError` if the map already has a version with that id.
   */
  saveVersion(version: StoredVersion): Promise<VersionMeta>;

  /** The map's versions, newest first (by `createdAt`, then id); empty for an unknown map. */
  listVersions(mapId: string): Promise<VersionMeta[]>;

  /** One version with its snapshot, or null if the map has no version with that id. */
  getVersion(mapId: string, versionId: string): Promise<StoredVersion | null>;

  /**
   * Deletes the map's oldest automatic versions until at most `keep` are left; named
   * versions are never touched. Resolves with how many were deleted.
   */
  pruneAutoVersions(mapId: string, keep: number): Promise<number>;
}

/** Thrown by `saveVersion` when the map already has a version with that id. */
export class VersionExistsError extends Error {
  constructor(
    readonly mapId: string,
    readonly versionId: string,
  ) {
    super(`Map ${mapId} already has a version ${versionId}`);
    this.name = 'VersionExistsError';
  }
}
