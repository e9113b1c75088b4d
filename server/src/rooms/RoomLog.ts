import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import { Defaults, type CloseCodeName } from '../protocol/constants.ts';
import type { AuthorStamp } from '../storage/Attribution.ts';
import type { MapSummary, Storage, StoredMap } from '../storage/Storage.ts';
import { StorageUnavailableError } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import type { SeqTracker } from '../fanout/SeqTracker.ts';
import type { CommitQueue } from './CommitQueue.ts';
import type { MapModel } from './MapModel.ts';
import type { Compacted, Offload } from './Offload.ts';
import { applyPaced, offloadBytes } from './BigUpdates.ts';
import { Origin } from './origins.ts';
import { encodeIntegrated } from './pendingStructs.ts';
import { rebuildDoc } from './rebuildDoc.ts';

export { rebuildDoc };

/** What loading a map and keeping its log need. */
export interface LogDeps {
  storage: Storage;
  commits: CommitQueue;
  metrics: RelayMetrics;
  logger: Logger;
  model: MapModel;
  /** Told when a commit or compaction finds storage unable to take writes. */
  health: StorageHealth;
  options: {
    compactAfterUpdates: number;
    compactAfterBytes: number;
    /**
     * From this size on (an update, or a map as stored), Yjs work goes to `offload` and
     * updates are applied in slices across event-loop turns. Default `OFFLOAD_BYTES`
     * (`BigUpdates`).
     */
    offloadBytes?: number;
    /**
     * From this size as stored (snapshot and log), a map's room keeps its doc on the
     * offload's thread (`DocHost`) rather than here. Default `HOST_BYTES`.
     */
    hostBytes?: number;
    /**
     * A client update from this size moves a loaded map's doc to the offload's thread before
     * it is applied. Default `HOST_UPDATE_BYTES`.
     */
    hostUpdateBytes?: number;
  };
  /** Where big maps' decoding and encoding run; without it everything runs inline, as before. */
  offload?: Offload;
}

/** Default `hostBytes` (`Defaults.hostBytes`: why 8 MiB). */
export const HOST_BYTES = Defaults.hostBytes;

/** A stored map rebuilt as a doc, with the storage record it came from. */
export interface LoadedMap {
  readonly doc: Y.Doc;
  readonly stored: StoredMap;
}

/** Whether a stored map is big enough that its Yjs work goes to `offload`. */
export function storedBig(stored: StoredMap, deps: Pick<LogDeps, 'options'>): boolean {
  return stored.snapshot.byteLength + stored.updateBytes >= offloadBytes(deps);
}

/** Whether a stored map is big enough that its room's doc lives off the event loop. */
export function storedHuge(stored: StoredMap, deps: Pick<LogDeps, 'options'>): boolean {
  return stored.snapshot.byteLength + stored.updateBytes >= (deps.options.hostBytes ?? HOST_BYTES);
}

/** Counts and logs a stored update that cannot be applied (the loaders skip it). */
export function reportSkipped(
  deps: Pick<LogDeps, 'metrics' | 'logger'>,
  mapId: string,
  index: number,
  error: unknown,
): void {
  deps.metrics.rejected.inc(1, { reason: 'UnloadableLogEntry' });
  deps.logger.error(
    { mapId, entry: index, err: error },
    'skipped a stored update that cannot be applied; the next compaction drops it',
  );
}

/**
 * Reads a map from storage and rebuilds its doc, or resolves null if it does not exist.
 * Rooms and the API's reads of unloaded maps both load through here, so both survive a
 * damaged log the same way; skipped entries are counted and logged.
 */
export async function loadStoredMap(
  mapId: string,
  deps: Pick<LogDeps, 'storage' | 'metrics' | 'logger' | 'offload' | 'options'>,
): Promise<LoadedMap | null> {
  const stored = await deps.storage.load(mapId);
  if (!stored) return null;
  return rebuildStoredMap(mapId, stored, deps);
}

/** `loadStoredMap` for a map already read from storage. */
export async function rebuildStoredMap(
  mapId: string,
  stored: StoredMap,
  deps: Pick<LogDeps, 'metrics' | 'logger' | 'offload' | 'options'>,
): Promise<LoadedMap> {
  if (deps.offload && storedBig(stored, deps)) {
    const doc = await rebuildInSlices(stored, deps.offload);
    if (doc) return { doc, stored };
  }
  const doc = rebuildDoc(stored, (index, error) => reportSkipped(deps, mapId, index, error));
  return { doc, stored };
}

/**
 * `rebuildDoc` for a big map without blocking: each stored update is cut into slices off the
 * event loop and applied a few at a time. Resolves null if any entry is damaged (it does not
 * decode, or Yjs throws on it): `rebuildDoc` then finds and skips it, as for any map.
 */
async function rebuildInSlices(stored: StoredMap, offload: Offload): Promise<Y.Doc | null> {
  const doc = new Y.Doc();
  try {
    for (const update of [stored.snapshot, ...stored.updates]) {
      const cut = await offload.slice(update);
      if (cut.kind === 'malformed') throw new Error(cut.problem);
      await applyPaced(cut.kind === 'slices' ? cut.slices : [update], (slice) => {
        Y.applyUpdate(doc, slice, Origin.Load);
        return true;
      });
    }
    return doc;
  } catch {
    doc.destroy();
    return null;
  }
}

/**
 * One loaded map's side of storage: commits what the room hands it through the group-commit
 * queue, knows what is on disk (the log's position and size, the doc's state at the last
 * commit), lets callers wait until nothing is uncommitted, and folds the log into a snapshot
 * past the thresholds.
 */
export class RoomLog {
  /** Updates handed to `commit` whose commit has not finished yet. */
  private uncommitted = 0;
  private waiters: (() => void)[] = [];
  private committed: Map<number, number>;
  private lastSeq: number;
  private logCount: number;
  private logBytes: number;
  /** Bytes of the stored snapshot: with `logBytes`, how big the map is as stored. */
  private snapshotBytes: number;
  /** The summary the last off-thread compaction computed (big maps only). */
  private lastSummary: MapSummary | undefined;
  /** Set once the room has taken a big update: the doc is big whatever storage says yet. */
  private markedBig = false;
  /** While set, commits do not start compactions (a big update is being applied). */
  private compactionHeld = false;
  private compacting: Promise<void> | null = null;
  private broken = false;
  private closed = false;

  /**
   * `onBroken` hears of a failure that leaves memory ahead of, or unable to reach, disk (a
   * failed commit, a doc that cannot be encoded); the room then drops itself.
   */
  constructor(
    private readonly mapId: string,
    /** The room's doc, or null if it is hosted off the event loop (`DocHost`). */
    private doc: Y.Doc | null,
    stored: StoredMap,
    private readonly deps: LogDeps,
    private readonly onBroken: (error: unknown, what: string, code?: CloseCodeName) => void,
    /**
     * With other relays committing to the same map: which log positions the doc holds.
     * Compaction then folds only through its watermark, never past an update this relay
     * has not received yet (deleting it from the log would lose it).
     */
    private readonly tracker: SeqTracker | null = null,
    /** The stored snapshot's size, if its bytes were handed to another thread since. */
    snapshotBytes = stored.snapshot.byteLength,
  ) {
    this.lastSeq = stored.lastSeq;
    this.logCount = stored.updates.length;
    this.logBytes = stored.updateBytes;
    this.snapshotBytes = snapshotBytes;
    this.committed = doc ? Y.decodeStateVector(Y.encodeStateVector(doc)) : new Map();
  }

  /**
   * The room's doc moved off the event loop (`DocHost`), holding `state`: from now on the map
   * counts as big, and compaction snapshots come from `snapshot` (the hosted doc's).
   */
  hosted(state: Map<number, number>, snapshot: () => Promise<Compacted>): void {
    if (!this.doc) this.committed = state;
    this.doc = null;
    this.hostSnapshot = snapshot;
    this.markedBig = true;
  }

  /** A hosted doc's compaction snapshot, title and summary (`hosted`). */
  private hostSnapshot: (() => Promise<Compacted>) | null = null;

  /** The doc's state after the last committed transaction: what `Committed` acks carry. */
  get committedState(): Map<number, number> {
    return this.committed;
  }

  /**
   * Whether the map is big enough (as stored) that encoding it would block the event loop:
   * its sync replies and snapshots are then built off-thread from storage.
   */
  get big(): boolean {
    if (!this.deps.offload) return false;
    return this.markedBig || this.snapshotBytes + this.logBytes >= offloadBytes(this.deps);
  }

  /** The room is taking a big update: treat the map as big from now on. */
  markBig(): void {
    this.markedBig = true;
  }

  /** Holds compactions back while set; releasing compacts at once if the log is due. */
  holdCompaction(held: boolean): void {
    this.compactionHeld = held;
    if (!held && this.due) void this.compact();
  }

  /** The summary of the last off-thread compaction, if any. */
  get summary(): MapSummary | undefined {
    return this.lastSummary;
  }

  /** Entries in the stored log since the last snapshot. */
  get logLength(): number {
    return this.logCount;
  }

  /** Whether the stored log is long enough to fold into a snapshot now. */
  get due(): boolean {
    const { compactAfterUpdates, compactAfterBytes } = this.deps.options;
    return this.logCount >= compactAfterUpdates || this.logBytes >= compactAfterBytes;
  }

  /** A long log (a crash before the last compaction) is folded at load, not on the next edit. */
  compactIfLong(): void {
    if (this.logCount >= this.deps.options.compactAfterUpdates) void this.compact();
  }

  /**
   * Commits one update the doc emitted (with the doc's state right after it). Once it is
   * durable, `onDurable` runs (with its log position) before anyone waiting on
   * `whenCommitted` is released; if it fails, the log is broken and `onBroken` is told.
   * `authors` (who wrote it) is recorded in the same transaction.
   */
  commit(
    update: Uint8Array,
    afterState: Map<number, number>,
    onDurable: (seq: number) => void,
    authors?: AuthorStamp,
  ): void {
    if (this.broken) return;
    this.uncommitted += 1;
    this.deps.commits.enqueue(this.mapId, update, authors).then(
      (seq) => {
        this.uncommitted -= 1;
        if (this.broken || this.closed) return this.settle();
        this.lastSeq = Math.max(this.lastSeq, seq);
        this.tracker?.see(seq);
        this.logCount += 1;
        this.logBytes += update.byteLength;
        this.committed = afterState;
        onDurable(seq);
        if (this.uncommitted === 0) this.settle();
        if (this.due && !this.compactionHeld) void this.compact();
      },
      (error: unknown) => {
        this.uncommitted -= 1;
        const storageDown = error instanceof StorageUnavailableError;
        if (storageDown && !this.broken) this.deps.health.fail(error);
        this.onBroken(error, 'commit failed', storageDown ? 'StorageUnavailable' : 'InternalError');
      },
    );
  }

  /** Resolves once every update committed so far is durable (or the log is broken). */
  whenCommitted(): Promise<void> {
    if (this.uncommitted === 0 || this.broken) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves at a moment when nothing is uncommitted (or the log is broken). */
  async settled(): Promise<void> {
    while (this.uncommitted > 0 && !this.broken) await this.whenCommitted();
  }

  /** Waits for commits and any compaction, then folds what the log still holds. */
  async flush(): Promise<void> {
    await this.settled();
    while (this.compacting) await this.compacting;
    // A big map's log is as durable as a snapshot; folding it takes longer than a shutdown
    // may, so the next load (in slices) or the next compaction does it.
    if (!this.broken && this.logCount > 0 && !this.big) await this.compact();
  }

  /** Memory can no longer be trusted: nothing more is committed or compacted. */
  markBroken(): void {
    this.broken = true;
    this.settle();
  }

  /** The room is gone: late commit results only release their waiters. */
  close(): void {
    this.closed = true;
  }

  /** Folds the log into a snapshot of the integrated doc. Safe to call any time. */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.broken || this.closed) return Promise.resolve();
    // Everything at or before `lastSeq` is in the doc (we apply before we commit); updates
    // that commit while the storage call runs get later positions and stay in the log. With
    // other relays writing, only what the tracker knows the doc holds.
    const throughSeq = this.tracker ? this.tracker.watermark : this.lastSeq;
    const countBefore = this.logCount;
    const bytesBefore = this.logBytes;
    if (this.hostSnapshot) {
      return this.track(
        this.compactHosted(this.hostSnapshot, throughSeq),
        countBefore,
        bytesBefore,
      );
    }
    if (this.big && this.deps.offload) {
      return this.track(
        this.compactOffThread(this.deps.offload, throughSeq),
        countBefore,
        bytesBefore,
      );
    }
    const doc = this.doc;
    if (!doc) return Promise.resolve();
    let snapshot: Uint8Array;
    try {
      snapshot = encodeIntegrated(doc);
    } catch (error) {
      // Never replace a log that loads with a snapshot that might not.
      this.onBroken(error, 'the map could not be encoded for compaction');
      return Promise.resolve();
    }
    let title: string | undefined;
    let summary: MapSummary | undefined;
    try {
      title = this.deps.model.title(doc);
      summary = this.deps.model.summary(doc);
    } catch {
      // Metadata only: the snapshot is what matters, and storage keeps no stale summary.
    }
    return this.track(
      this.deps.storage
        .compact(this.mapId, snapshot, throughSeq, title, summary)
        .then(() => snapshot.byteLength),
      countBefore,
      bytesBefore,
    );
  }

  /**
   * Stores the hosted doc's snapshot: everything through `throughSeq` is in it (applied
   * before committed); what it holds beyond stays in the log, applied twice harmlessly, as
   * with a doc on this thread. Resolves with the snapshot's size.
   */
  private async compactHosted(
    snapshotOf: () => Promise<Compacted>,
    throughSeq: number,
  ): Promise<number | null> {
    const { snapshot, title, summary } = await snapshotOf();
    if (this.broken || this.closed) return null;
    await this.deps.storage.compact(this.mapId, snapshot, throughSeq, title, summary);
    if (summary) this.lastSummary = summary;
    return snapshot.byteLength;
  }

  /**
   * Builds the snapshot from what storage holds, on the worker: everything through
   * `throughSeq` is stored (committed before it counted), and anything stored after it that
   * the snapshot also holds stays in the log, applied twice harmlessly. Resolves with the
   * snapshot's size, or null if the map is gone.
   */
  private async compactOffThread(offload: Offload, throughSeq: number): Promise<number | null> {
    const stored = await this.deps.storage.load(this.mapId);
    if (!stored || this.broken || this.closed) return null;
    const { snapshot, title, summary } = await offload.compact(stored, this.deps.model.id ?? null);
    if (this.broken || this.closed) return null;
    await this.deps.storage.compact(this.mapId, snapshot, throughSeq, title, summary);
    if (summary) this.lastSummary = summary;
    return snapshot.byteLength;
  }

  /** Keeps the log's figures and the metrics once a compaction (`work`) has stored its snapshot. */
  private track(
    work: Promise<number | null>,
    countBefore: number,
    bytesBefore: number,
  ): Promise<void> {
    const throughSeq = this.tracker ? this.tracker.watermark : this.lastSeq;
    this.compacting = work
      .then(
        (snapshotBytes) => {
          if (snapshotBytes === null) return;
          this.logCount -= countBefore;
          this.logBytes -= bytesBefore;
          this.snapshotBytes = snapshotBytes;
          this.deps.metrics.compactions.inc();
          this.deps.logger.debug({ mapId: this.mapId, throughSeq, snapshotBytes }, 'compacted');
        },
        (error: unknown) => {
          // The log still holds everything; the next compaction tries again.
          if (error instanceof StorageUnavailableError) this.deps.health.fail(error);
          this.deps.logger.error({ mapId: this.mapId, err: error }, 'compaction failed');
        },
      )
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
