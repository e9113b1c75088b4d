import { randomBytes } from 'node:crypto';
import {
  diffMaps,
  diffSize,
  isEmptyDiff,
  restoreVersion,
  type MapDiff,
  type VersionChanges,
} from '@warrant/shared';
import * as Y from 'yjs';
import type { MapService } from '../maps/MapService.ts';
import type { MapModel } from '../rooms/MapModel.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import type { Storage } from '../storage/Storage.ts';
import { StorageUnavailableError } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import type { StoredVersion, VersionMeta } from '../storage/Versions.ts';
import { VersionExistsError } from '../storage/Versions.ts';
import { VersionDocs } from './VersionDocs.ts';

/** 8 url-safe characters (48 random bits): short in a URL, unique among one map's versions. */
export function newVersionId(): string {
  return randomBytes(6).toString('base64url');
}

/** The transaction origin of a restore on a room's doc: the relay's own edit, for everyone. */
export const RestoreOrigin = Symbol('warrant.restore');

/** Thrown when a map has no version with the id asked for. */
export class UnknownVersionError extends Error {
  constructor(
    readonly mapId: string,
    readonly versionId: string,
  ) {
    super(`Map ${mapId} has no version ${versionId}`);
    this.name = 'UnknownVersionError';
  }
}

/** Which state of a map to compare: a saved version, or the map as committed now. */
export type MapState = { version: string } | 'current';

export interface VersionServiceOptions {
  /** Automatic versions kept per map (`WARRANT_AUTO_VERSIONS_KEPT`). */
  autoVersionsKept: number;
}

/**
 * Saving, reading, comparing and restoring versions of maps. Versions are whole snapshots in
 * storage (`VersionStore`); the comparing and restoring are the model's (`diffMaps`,
 * `restoreVersion` in `@warrant/shared`), run on the map where it lives (its room, or as
 * stored) and on version docs loaded and migrated the way rooms load maps (`VersionDocs`).
 */
export class VersionService {
  constructor(
    private readonly storage: Storage,
    private readonly maps: MapService,
    private readonly rooms: RoomManager,
    private readonly model: MapModel,
    private readonly health: Pick<StorageHealth, 'status'>,
    private readonly options: VersionServiceOptions,
  ) {
    this.docs = new VersionDocs(model);
  }

  private readonly docs: VersionDocs;

  list(mapId: string): Promise<VersionMeta[]> {
    return this.storage.listVersions(mapId);
  }

  /** The version with its snapshot; throws `UnknownVersionError` if there is none. */
  async get(mapId: string, versionId: string): Promise<StoredVersion> {
    const version = await this.storage.getVersion(mapId, versionId);
    if (!version) throw new UnknownVersionError(mapId, versionId);
    return version;
  }

  /** Runs `read` on the version's map, migrated as a loaded map would be. */
  async read<T>(mapId: string, versionId: string, read: (doc: Y.Doc) => T): Promise<T> {
    return read(await this.versionDoc(mapId, versionId));
  }

  /**
   * Saves the map as committed now under `name`; resolves null if the map does not exist.
   * An automatic version is skipped (null) when nothing changed since the newest version.
   * What changed is measured against the newest version (the first: an empty map).
   */
  async save(
    mapId: string,
    input: { name: string; author: string; auto: boolean },
  ): Promise<VersionMeta | null> {
    const [latest] = await this.storage.listVersions(mapId);
    const before = latest ? await this.versionDoc(mapId, latest.id) : this.docs.load(null);
    const now = await this.maps.read(mapId, (doc) => ({
      snapshot: Y.encodeStateAsUpdate(doc),
      diff: diffMaps(before, doc),
    }));
    if (!now) return null;
    if (input.auto && latest && isEmptyDiff(now.diff)) return null;
    const changes: VersionChanges = diffSize(now.diff);
    for (let attempt = 0; ; attempt++) {
      try {
        const saved = await this.storage.saveVersion({
          id: newVersionId(),
          mapId,
          name: input.name,
          createdAt: Date.now(),
          author: input.author,
          auto: input.auto,
          changes,
          snapshot: now.snapshot,
        });
        if (input.auto) await this.storage.pruneAutoVersions(mapId, this.options.autoVersionsKept);
        return saved;
      } catch (error) {
        // 48 random bits among one map's versions: a clash is next to impossible; retry once.
        if (!(error instanceof VersionExistsError) || attempt > 0) throw error;
      }
    }
  }

  /**
   * What changed from one state of the map to another; null if the map does not exist. The
   * map as it is now is read where it lives (the loaded room), never copied.
   */
  async diff(mapId: string, from: MapState, to: MapState): Promise<MapDiff | null> {
    const docOf = (state: MapState) =>
      state === 'current' ? Promise.resolve(null) : this.versionDoc(mapId, state.version);
    const [before, after] = await Promise.all([docOf(from), docOf(to)]);
    if (before && after) return diffMaps(before, after);
    return this.maps.read(mapId, (current) => diffMaps(before ?? current, after ?? current));
  }

  /** A version's doc (shared, read-only); throws `UnknownVersionError` if there is none. */
  private versionDoc(mapId: string, versionId: string): Promise<Y.Doc> {
    return this.docs.get(mapId, versionId, async () => (await this.get(mapId, versionId)).snapshot);
  }

  /**
   * Makes the live map hold what the version holds, as one new edit on the room's doc: the
   * model's `restoreVersion` runs on a copy of the doc first (so an edit it cannot make
   * changes nothing), and the update it produced is applied to the room, which commits it
   * and then sends it to everyone connected, like any edit. Resolves with what changed, or
   * null if the map does not exist.
   */
  async restore(
    mapId: string,
    versionId: string,
  ): Promise<{ version: VersionMeta; changes: VersionChanges } | null> {
    const version = await this.get(mapId, versionId);
    // While storage refuses writes the room refuses everyone's edits; a restore is one.
    const storage = this.health.status();
    if (!storage.writable) throw new StorageUnavailableError(storage.error);
    const target = await this.versionDoc(mapId, versionId);
    const room = await this.rooms.acquire(mapId);
    if (!room) return null;
    try {
      // In the room's turn, wherever its doc lives (a huge map's is on the worker thread).
      const changes = await room.change((current) => {
        const copy = new Y.Doc();
        try {
          Y.applyUpdate(copy, Y.encodeStateAsUpdate(current));
          const changed = diffSize(diffMaps(copy, target));
          const before = Y.encodeStateVector(copy);
          restoreVersion(copy, target);
          return { update: Y.encodeStateAsUpdate(copy, before), result: () => changed };
        } finally {
          copy.destroy();
        }
      }, RestoreOrigin);
      const { snapshot, ...meta } = version;
      void snapshot;
      return { version: meta, changes };
    } finally {
      this.rooms.release(room);
    }
  }
}
