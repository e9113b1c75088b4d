import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { RelayConfig } from '../config.ts';
import { reviewRoomName } from '@warrant/shared';
import { renamedFanout, type Fanout } from '../fanout/Fanout.ts';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import { Limits } from '../protocol/constants.ts';
import { CommitQueue } from '../rooms/CommitQueue.ts';
import type { Offload } from '../rooms/Offload.ts';
import { RoomManager } from '../rooms/RoomManager.ts';
import { REVIEW_WRITES } from '../rooms/WriteGate.ts';
import type { ClientAuthor } from '../storage/Attribution.ts';
import type { Storage } from '../storage/Storage.ts';
import { MapExistsError } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import { reviewModel } from './reviewModel.ts';

/**
 * Each map's review document (comments, marks, suggestions): rooms of their own over a
 * storage of their own (`reviews`, beside the maps' `storage`), with the review write rule
 * (`canComment`) and the review model (no map migrations). A review document exists exactly
 * when its map does: it is created empty the first time anyone opens it, and only if
 * `storage` has the map.
 */
export function openReviews(
  config: RelayConfig,
  deps: {
    /** The maps' storage: a review document is made only for a map it holds. */
    storage: Storage;
    /** Where review documents are kept. */
    reviews: Storage;
    fanout: Fanout;
    metrics: RelayMetrics;
    logger: Logger;
    health: StorageHealth;
    /** Where big documents' Yjs work runs (the relay's worker thread); inline without. */
    offload?: Offload;
  },
): { rooms: RoomManager; commits: CommitQueue; reviews: ReviewService } {
  const commits = new CommitQueue(deps.reviews, deps.metrics, config.commitDelayMs);
  const provision = async (mapId: string): Promise<boolean> => {
    if (!(await deps.storage.meta(mapId))) return false;
    try {
      await deps.reviews.create({
        id: mapId,
        title: '',
        createdAt: Date.now(),
        snapshot: Y.encodeStateAsUpdate(new Y.Doc()),
      });
    } catch (error) {
      // Someone else made it first (another relay on the same storage): use theirs.
      if (!(error instanceof MapExistsError)) throw error;
    }
    return true;
  };
  const rooms = new RoomManager(
    {
      storage: deps.reviews,
      commits,
      fanout: renamedFanout(deps.fanout, reviewRoomName),
      metrics: deps.metrics,
      logger: deps.logger.child({ layer: 'review' }),
      health: deps.health,
      model: reviewModel,
      offload: deps.offload,
      writes: REVIEW_WRITES,
      options: {
        compactAfterUpdates: config.compactAfterUpdates,
        compactAfterBytes: config.compactAfterBytes,
        maxPendingBytes: config.maxPendingBytes,
        hostBytes: config.hostBytes,
        hostUpdateBytes: Math.ceil(config.hostBytes / 2),
        maxAwarenessIdsPerConnection: Limits.maxAwarenessIdsPerConnection,
      },
    },
    { unloadAfterMs: config.unloadAfterMs, repairIntervalMs: config.repairIntervalMs, provision },
  );
  return { rooms, commits, reviews: new ReviewService(deps.reviews, rooms) };
}

/** Reading a map's review document for the HTTP API. */
export class ReviewService {
  constructor(
    private readonly storage: Storage,
    private readonly rooms: RoomManager,
  ) {}

  /**
   * The review document as committed, as one Yjs update: from the live room if loaded, else
   * from storage; an empty document's if none was made yet (nobody has opened it).
   */
  async state(mapId: string): Promise<Uint8Array> {
    const room = await this.rooms.peek(mapId);
    const state = room
      ? await room.committedUpdate()
      : await this.rooms.readStored(mapId, (doc) => Y.encodeStateAsUpdate(doc));
    return state ?? Y.encodeStateAsUpdate(new Y.Doc());
  }

  /** Who is behind each client id of the map's review document (`Attribution.ts`). */
  authorsOf(mapId: string): Promise<ClientAuthor[]> {
    return this.storage.authorsOf(mapId);
  }

  /** Removes a map's review document (its map was deleted). */
  async delete(mapId: string): Promise<boolean> {
    return this.storage.delete(mapId);
  }
}
