import * as Y from 'yjs';
import { encodeSyncStep2 } from '../protocol/messages.ts';
import { asStoredFrames } from '../sync/ColdAnswer.ts';
import type { Offload } from './Offload.ts';
import type { LogDeps } from './RoomLog.ts';

/**
 * A big map's answer to a client's sync step 1, from the map as stored, off the event loop:
 * encoding megabytes here would block every room, so the worker encodes what storage holds,
 * which is everything committed (the doc holds nothing else anyone may see). A client that
 * holds nothing yet gets the stored bytes as they are (`asStoredFrames`).
 *
 * Resolves the frames to send, or null if the map is gone from storage or `wanted` says the
 * answer is no longer wanted; rejects if storage or the worker failed.
 */
export async function storedSyncReply(
  deps: Pick<LogDeps, 'storage'>,
  offload: Offload,
  mapId: string,
  stateVector: Uint8Array,
  wanted: () => boolean,
): Promise<Uint8Array[] | null> {
  const stored = await deps.storage.load(mapId);
  if (!stored || !wanted()) return null;
  if (isEmptyStateVector(stateVector)) {
    // The first open on a device: see `asStoredFrames` for why the bytes go as stored. A
    // long log, or one Yjs cannot merge, is left to the worker (null).
    const frames = asStoredFrames(stored);
    if (frames) return frames;
  }
  return [encodeSyncStep2(await offload.state(stored, stateVector))];
}

/** Whether a client's state vector says it holds nothing of the map yet. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0;
}
