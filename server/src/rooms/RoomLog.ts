import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import type { CloseCodeName } from '../protocol/constants.ts';
import type { AuthorStamp } from '../storage/Attribution.ts';
import type { MapSummary, Storage, StoredMap } from '../storage/Storage.ts';
import { StorageUnavailableError } from '../storage/Storage.ts';
import type { StorageHealth } from '../storage/StorageHealth.ts';
import type { SeqTracker } from '../fanout/SeqTracker.ts';
import type { CommitQueue } from './CommitQueue.ts';
import type { MapModel } from './MapModel.ts';
import { Origin } from './origins.ts';
import { encodeIntegrated } from './pendingStructs.ts';

/** What loading a map and keeping its log need. */
export interface LogDeps {
  storage: Storage;
  commits: CommitQueue;
  metrics: RelayMetrics;
  logger: Logger;
  model: MapModel;
  /** Told when a commit or compaction finds storage unable to take writes. */
  health: StorageHealth;
  options: { compactAfterUpdates: number; compactAfterBytes: number };
}

/** A stored map rebuilt as a doc, with the storage record it came from. */
export interface LoadedMap {
  readonly doc: Y.Doc;
  readonly stored: StoredMap;
}

/**
 * Reads a map from storage and rebuilds its doc, or resolves null if it does not exist.
 * Rooms and the API's reads of unloaded maps both load through here, so both survive a
 * damaged log the same way; skipped entries are counted and logged.
 */
export async function loadStoredMap(
  mapId: string,
  deps: Pick<LogDeps, 'storage' | 'metrics' | 'logger'>,
): Promise<LoadedMap | null> {
  const stored = await deps.storage.load(mapId);
  if (!stored) return null;
  const doc = rebuildDoc(stored, (index, error) => {
    deps.metrics.rejected.inc(1, { reason: 'UnloadableLogEntry' });
    deps.logger.error(
      { mapId, entry: index, err: error },
      'skipped a stored update that cannot be applied; the next compaction drops it',
    );
  });
  return { doc, stored };
}

/**
 * Rebuilds a stored map: the snapshot, then each log entry. An entry Yjs throws on (it
 * should never be stored, but a relay older than this check could have) is skipped and
 * reported, and the doc rebuilt without it, since a throwing apply can leave it broken.
 */
export function rebuildDoc(
  stored: { snapshot: Uint8Array; updates: readonly Uint8Array[] },
  onSkipped: (index: number, error: unknown) => void,
): Y.Doc {
  const build = (updates: readonly Uint8Array[]): Y.Doc => {
    const doc = new Y.Doc();
    doc.transact(() => {
      Y.applyUpdate(doc, stored.snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    }, Origin.Load);
    return doc;
  };
  try {
    return build(stored.updates);
  } catch {
    // Find the entries that throw, one at a time (only ever on a damaged log).
  }
  const good: Uint8Array[] = [];
  let doc = build([]);
  stored.updates.forEach((update, index) => {
    try {
      doc.transact(() => Y.applyUpdate(doc, update), Origin.Load);
      good.push(update);
    } catch (error) {
      onSkipped(index, error);
      doc.destroy();
      doc = build(good);
    }
  });
  return doc;
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
  private compacting: Promise<void> | null = null;
  private broken = false;
  private closed = false;

  /**
   * `onBroken` hears of a failure that leaves memory ahead of, or unable to reach, disk (a
   * failed commit, a doc that cannot be encoded); the room then drops itself.
   */
  constructor(
    private readonly mapId: string,
    private readonly doc: Y.Doc,
    stored: StoredMap,
    private readonly deps: LogDeps,
    private readonly onBroken: (error: unknown, what: string, code?: CloseCodeName) => void,
    /**
     * With other relays committing to the same map: which log positions the doc holds.
     * Compaction then folds only through its watermark, never past an update this relay
     * has not received yet (deleting it from the log would lose it).
     */
    private readonly tracker: SeqTracker | null = null,
  ) {
    this.lastSeq = stored.lastSeq;
    this.logCount = stored.updates.length;
    this.logBytes = stored.updateBytes;
    this.committed = Y.decodeStateVector(Y.encodeStateVector(doc));
  }

  /** The doc's state after the last committed transaction: what `Committed` acks carry. */
  get committedState(): Map<number, number> {
    return this.committed;
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
        if (this.due) void this.compact();
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
    if (!this.broken && this.logCount > 0) await this.compact();
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
    let snapshot: Uint8Array;
    try {
      snapshot = encodeIntegrated(this.doc);
    } catch (error) {
      // Never replace a log that loads with a snapshot that might not.
      this.onBroken(error, 'the map could not be encoded for compaction');
      return Promise.resolve();
    }
    let title: string | undefined;
    let summary: MapSummary | undefined;
    try {
      title = this.deps.model.title(this.doc);
      summary = this.deps.model.summary(this.doc);
    } catch {
      // Metadata only: the snapshot is what matters, and storage keeps no stale summary.
    }
    this.compacting = this.deps.storage
      .compact(this.mapId, snapshot, throughSeq, title, summary)
      .then(
        () => {
          this.logCount -= countBefore;
          this.logBytes -= bytesBefore;
          this.deps.metrics.compactions.inc();
          this.deps.logger.debug(
            { mapId: this.mapId, throughSeq, snapshotBytes: snapshot.byteLength },
            'compacted',
          );
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
