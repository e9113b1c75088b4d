import * as Y from 'yjs';
import {
  decodeClientMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../protocol/messages.ts';
import type { Storage, StoredMap } from '../storage/Storage.ts';

/**
 * The most log (bytes since the snapshot) merged on the event loop to answer a client from
 * storage: a few milliseconds of Yjs work. A longer log waits for the room.
 */
export const AS_STORED_LOG_BYTES = 64 * 1024;

/** An update that changes nothing (no structs, no deletions). */
const EMPTY_UPDATE = Uint8Array.from([0, 0]);

/**
 * The frames that give a client holding nothing the map exactly as stored: the log since the
 * snapshot merged into one update, then the snapshot itself as sync step 2, so the client
 * holds everything once step 2 has arrived (Yjs keeps the log's structs pending until then).
 * The snapshot is neither decoded nor encoded. Null for a log too long to merge on the event
 * loop, or one Yjs cannot merge.
 */
export function asStoredFrames(stored: StoredMap): Uint8Array[] | null {
  let frames = framesOf.get(stored);
  if (frames === undefined) {
    frames = framesAsStored(stored);
    framesOf.set(stored, frames);
  }
  return frames;
}

/**
 * Each stored map's frames, once built: connections that share a read of a map (`sharedReads`:
 * a class opening one link) are sent the same frames rather than a copy each of a map that may
 * be megabytes. Kept as long as the read is.
 */
const framesOf = new WeakMap<StoredMap, Uint8Array[] | null>();

function framesAsStored(stored: StoredMap): Uint8Array[] | null {
  if (stored.updateBytes > AS_STORED_LOG_BYTES) return null;
  if (stored.updates.length === 0) return [encodeSyncStep2(stored.snapshot)];
  let log: Uint8Array;
  try {
    // With the empty update, even a single entry is decoded, so a broken one shows here.
    log = Y.mergeUpdates([...stored.updates, EMPTY_UPDATE]);
  } catch {
    return null;
  }
  return [encodeUpdate(log), encodeSyncStep2(stored.snapshot)];
}

/**
 * A map as stored, if it can be sent to a client as it is, before its room has loaded: only
 * when storage's summary says it is of the schema this relay writes (a room migrates an older
 * map as it loads, and refuses a newer one). The summary is kept only while the log is empty;
 * entries appended after it come from a room, so they are of the same schema.
 *
 * Not a map of `maxBytes` or more as stored: its room keeps its doc on the worker and answers
 * from there, while the answer here would read the snapshot's state vector on the event loop
 * (a 16 MB map: 0.6 s blocked).
 */
export async function storedAsIs(
  storage: Storage,
  mapId: string,
  schemaVersion: number,
  maxBytes = Infinity,
): Promise<StoredMap | null> {
  const meta = await storage.meta(mapId);
  if (meta?.summary?.schemaVersion !== schemaVersion) return null;
  const stored = await storage.load(mapId);
  if (stored && stored.snapshot.byteLength + stored.updateBytes >= maxBytes) return null;
  return stored;
}

/**
 * `read`, with calls for a key already being read sharing that read: a class opening one link
 * at once reads a big map from storage once, not once per student, while its room loads.
 */
export function sharedReads<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const pending = new Map<string, Promise<T>>();
  return (key) => {
    const running = pending.get(key);
    if (running) return running;
    const started = read(key).finally(() => pending.delete(key));
    pending.set(key, started);
    return started;
  };
}

/**
 * Answers a connection's sync step 1 from storage while its map's room is still loading, when
 * the client holds nothing yet (the first open on a device): it needs exactly what storage
 * holds, so the room's doc need not be built first — for a big map, most of a cold open.
 *
 * Once the room is joined, the client's step 1 is handed to the room as a step 1 naming what
 * was sent (`replace`), so whatever was committed since storage was read follows as the usual
 * step 2. Until then a connection's frames are held as always (`attachSync`).
 */
export class ColdAnswer {
  private held: Uint8Array | null = null;
  private answering: Promise<void> | null = null;
  /** The map as stored that was sent, once it has been. */
  private sent: StoredMap | null = null;
  private over = false;

  constructor(
    private readonly load: () => Promise<StoredMap | null>,
    private readonly send: (frame: Uint8Array) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Looks at a frame that arrived before the room was joined; starts answering it if it is
   * the first step 1 of a client that holds nothing. The frame stays in the connection's
   * queue either way (see `replace`).
   */
  offer(frame: Uint8Array): void {
    if (this.over || this.held) return;
    let message;
    try {
      message = decodeClientMessage(frame);
    } catch {
      return; // The room refuses it when it gets there.
    }
    if (message.kind !== 'syncStep1') return;
    // Only a first step 1 is ever answered: a later one waits for the room.
    this.held = frame;
    if (Y.decodeStateVector(message.stateVector).size > 0) return;
    this.answering = this.answer().catch(this.onError);
  }

  /**
   * Resolves once any answer under way has been sent (or given up); after this, nothing more
   * is answered here. Call it before joining the room, so the room's messages come after.
   */
  async settle(): Promise<void> {
    this.over = true;
    await this.answering;
  }

  /**
   * The frame to hand the room in place of `frame` (a step 1 answered here, or itself). The
   * state vector of what was sent is worked out only now, once the room is there: reading it
   * decodes every struct of the map (a 4.9 MB map: 0.2-0.8 s), which right after sending
   * blocked the event loop while the answer's bytes still waited to be written to the socket.
   */
  replace(frame: Uint8Array): Uint8Array {
    if (frame !== this.held || !this.sent) return frame;
    try {
      return encodeSyncStep1(stateVectorOf(this.sent));
    } catch (error) {
      // Stored bytes Yjs cannot read: the room answers the step 1 as the client sent it.
      this.onError(error);
      return frame;
    }
  }

  private async answer(): Promise<void> {
    const stored = await this.load();
    if (!stored || this.over) return;
    const frames = asStoredFrames(stored);
    if (!frames) return;
    for (const frame of frames) this.send(frame);
    this.sent = stored;
  }
}

/** Each stored map's state vector, once read: shared by the connections that share a read. */
const stateVectors = new WeakMap<StoredMap, Uint8Array>();

/**
 * The state vector of a stored map: for each client, the furthest clock its snapshot or any
 * log entry reaches (stored updates are integrated ones, so they leave no gaps).
 */
function stateVectorOf(stored: StoredMap): Uint8Array {
  const known = stateVectors.get(stored);
  if (known) return known;
  const vector = new Map<number, number>();
  for (const update of [stored.snapshot, ...stored.updates]) {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (vector.get(client) ?? 0)) vector.set(client, clock);
    }
  }
  const encoded = Y.encodeStateVector(vector);
  stateVectors.set(stored, encoded);
  return encoded;
}
