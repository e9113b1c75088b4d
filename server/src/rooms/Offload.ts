import * as Y from 'yjs';
import type { MapSummary } from '../storage/Storage.ts';
import { DocCores, type HostOp, type HostResults } from './DocCore.ts';
import type { MapModel } from './MapModel.ts';
import { encodeIntegrated } from './pendingStructs.ts';
import { rebuildDoc } from './rebuildDoc.ts';
import { sliceUpdate, type SliceLimits, type SliceResult } from './sliceUpdate.ts';

/** A map as storage holds it: what the off-thread jobs read instead of the room's doc. */
export interface StoredBytes {
  readonly snapshot: Uint8Array;
  readonly updates: readonly Uint8Array[];
}

/** A compaction snapshot built from storage, with the metadata stored beside it. */
export interface Compacted {
  snapshot: Uint8Array;
  title?: string;
  summary?: MapSummary;
}

/**
 * The Yjs work on a big map that would block the relay's event loop for seconds: decoding
 * and cutting an update (`sliceUpdate`), encoding a sync reply, building a compaction
 * snapshot. `WorkerOffload` runs it on a worker thread; `InlineOffload` runs the same jobs
 * here (tests, and a relay that cannot start the worker).
 */
export interface Offload {
  /** Checks `update` and cuts it into slices for the room to apply a few at a time. */
  slice(update: Uint8Array): Promise<SliceResult>;
  /** What a client at `stateVector` lacks of the map as stored (a sync step 2 reply). */
  state(stored: StoredBytes, stateVector: Uint8Array): Promise<Uint8Array>;
  /**
   * The map as stored folded into one snapshot (of the integrated doc, as the room's own
   * compaction writes it), with its title and summary if `model` names a registered model.
   */
  compact(stored: StoredBytes, model: string | null): Promise<Compacted>;
  /**
   * Runs `op` on the doc hosted under `key` (`DocHost.ts`): ops on one key run in the order
   * they were asked for. The buffers in `transfer` (`portable`) move to the offload's
   * thread: they are empty (detached) here once this returns.
   */
  host<O extends HostOp>(
    key: number,
    op: O,
    transfer?: readonly ArrayBuffer[],
  ): Promise<HostResults[O['op']]>;
  /** Stops a worker, if any; pending jobs reject. */
  close(): Promise<void>;
}

/**
 * Bytes about to be posted to another thread, made cheap to post: a view of a whole
 * `ArrayBuffer` (as storage hands out rows) moves in the transfer list if the caller gives it
 * up (`mayEmpty`: it is empty here afterwards), else is copied by the post as usual; a view
 * into a bigger buffer (Node's pool of small Buffers, the frame a message was cut from) or
 * into shared memory is first copied into a buffer of its own, which then moves. Posting
 * such a view as it is copies the whole buffer behind it, slowly: 0.5 s for 16 MB on a
 * loaded machine, against 20 ms to copy and move it.
 */
export function portable(
  view: Uint8Array,
  mayEmpty: boolean,
  transfer: Set<ArrayBuffer>,
): Uint8Array {
  const { buffer } = view;
  const whole =
    buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength;
  if (whole) {
    if (mayEmpty) transfer.add(buffer);
    return view;
  }
  const own = new Uint8Array(view);
  transfer.add(own.buffer);
  return own;
}

/** `portable` for a stored map whose bytes the caller gives up. */
export function portableStored(stored: StoredBytes, transfer: Set<ArrayBuffer>): StoredBytes {
  return {
    snapshot: portable(stored.snapshot, true, transfer),
    updates: stored.updates.map((u) => portable(u, true, transfer)),
  };
}

/** Models the jobs can summarise a map with, by `MapModel.id`. */
export type ModelRegistry = ReadonlyMap<string, MapModel>;

/** Each slice: about 20 ms of Yjs work on a loaded 2-core machine (measured in README). */
export const SLICE_LIMITS: SliceLimits = { maxStructs: 1000, maxLength: 64 * 1024 };

/** The jobs themselves, pure functions of their input: the worker and `InlineOffload` run these. */
export const jobs = {
  slice: (update: Uint8Array): SliceResult => sliceUpdate(update, SLICE_LIMITS),

  state(stored: StoredBytes, stateVector: Uint8Array): Uint8Array {
    try {
      // Merging without a doc is several times cheaper than building one.
      return Y.diffUpdate(Y.mergeUpdates([stored.snapshot, ...stored.updates]), stateVector);
    } catch {
      // A log entry Yjs cannot merge: the rooms' loader skips it; so does this.
      const doc = rebuildDoc(stored, () => undefined);
      try {
        return encodeIntegrated(doc, stateVector);
      } finally {
        doc.destroy();
      }
    }
  },

  compact(stored: StoredBytes, model: MapModel | undefined): Compacted {
    const doc = rebuildDoc(stored, () => undefined);
    try {
      const snapshot = encodeIntegrated(doc);
      if (!model) return { snapshot };
      try {
        return { snapshot, title: model.title(doc), summary: model.summary(doc) };
      } catch {
        return { snapshot };
      }
    } finally {
      doc.destroy();
    }
  },
};

/** The jobs on this thread, a turn later: same results as the worker, same blocking as before. */
export class InlineOffload implements Offload {
  private readonly cores: DocCores;

  constructor(private readonly models: ModelRegistry = new Map()) {
    this.cores = new DocCores(models);
  }

  async host<O extends HostOp>(
    key: number,
    op: O,
    transfer: readonly ArrayBuffer[] = [],
  ): Promise<HostResults[O['op']]> {
    // Handed over as to a worker, so code that reads a buffer it gave away fails in tests too.
    const moved = transfer.length > 0 ? structuredClone(op, { transfer: [...transfer] }) : op;
    await Promise.resolve();
    return this.cores.run(key, moved).result as HostResults[O['op']];
  }

  async slice(update: Uint8Array): Promise<SliceResult> {
    await Promise.resolve();
    return jobs.slice(update);
  }

  async state(stored: StoredBytes, stateVector: Uint8Array): Promise<Uint8Array> {
    await Promise.resolve();
    return jobs.state(stored, stateVector);
  }

  async compact(stored: StoredBytes, model: string | null): Promise<Compacted> {
    await Promise.resolve();
    return jobs.compact(stored, model === null ? undefined : this.models.get(model));
  }

  async close(): Promise<void> {}
}
