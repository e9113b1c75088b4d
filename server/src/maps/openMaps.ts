import type { Logger } from 'pino';
import type { RelayConfig } from '../config.ts';
import type { Fanout } from '../fanout/Fanout.ts';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import { Limits } from '../protocol/constants.ts';
import { CommitQueue } from '../rooms/CommitQueue.ts';
import type { Offload } from '../rooms/Offload.ts';
import { RoomManager } from '../rooms/RoomManager.ts';
import type { Storage } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import { MapService } from './MapService.ts';
import { sharedModel } from './sharedModel.ts';

/**
 * The rooms and the map service over one storage, configured from the relay's config: the
 * relay and the command line both open maps through this, so a map read by `pnpm warrant`
 * goes through exactly the loader (damaged-entry recovery, migrations) the relay uses.
 */
export function openMaps(
  config: RelayConfig,
  deps: {
    storage: Storage;
    fanout: Fanout;
    metrics: RelayMetrics;
    logger: Logger;
    health: StorageHealth;
    /** Where big maps' Yjs work runs (the relay's worker thread); inline without. */
    offload?: Offload;
  },
): { rooms: RoomManager; maps: MapService; commits: CommitQueue } {
  const commits = new CommitQueue(deps.storage, deps.metrics, config.commitDelayMs);
  const rooms = new RoomManager(
    {
      ...deps,
      commits,
      model: sharedModel,
      offload: deps.offload,
      options: {
        compactAfterUpdates: config.compactAfterUpdates,
        compactAfterBytes: config.compactAfterBytes,
        maxPendingBytes: config.maxPendingBytes,
        hostBytes: config.hostBytes,
        hostUpdateBytes: Math.ceil(config.hostBytes / 2),
        maxAwarenessIdsPerConnection: Limits.maxAwarenessIdsPerConnection,
      },
    },
    { unloadAfterMs: config.unloadAfterMs, repairIntervalMs: config.repairIntervalMs },
  );
  return { rooms, commits, maps: new MapService(deps.storage, rooms, sharedModel) };
}
