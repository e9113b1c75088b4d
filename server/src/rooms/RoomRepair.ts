import type { Logger } from 'pino';
import { SeqTracker } from '../fanout/SeqTracker.ts';
import type { RelayMetrics } from '../metrics/Metrics.ts';
import type { Storage, StoredMap } from '../storage/Storage.ts';

/** How long a gap in another relay's log positions may last before storage fills it. */
export const GAP_GRACE_MS = 200;

/** What repairing a room needs of it. */
export interface RepairedRoom {
  readonly mapId: string;
  /** False once the room has failed or was unloaded: nothing more is repaired. */
  alive(): boolean;
  /**
   * Brings the doc up to `stored` and sends its connections what it lacked; resolves false
   * if it could not (the room has failed, or the doc's host said no).
   */
  catchUp(stored: StoredMap): Promise<boolean>;
}

/**
 * A room's side of the map's log when other relays commit to it too (shared fan-out): which
 * log positions its doc holds (`SeqTracker`), and repair from storage when fan-out leaves a
 * gap or lost an update. Storage is the truth: a relay never depends on fan-out delivering
 * everything. With fan-out of one process there is no tracker, and repair just reloads.
 */
export class RoomRepair {
  /** Null unless other relays commit to this map. */
  readonly seqs: SeqTracker | null;
  private repairing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly room: RepairedRoom,
    private readonly deps: { storage: Storage; metrics: RelayMetrics; logger: Logger },
    /** The log position the doc was loaded through, if other relays commit to the map. */
    shared: { lastSeq: number } | null,
  ) {
    this.seqs = shared ? new SeqTracker(shared.lastSeq) : null;
  }

  /** Whether the doc already holds log position `seq` (fan-out may deliver it twice). */
  holds(seq: number): boolean {
    return this.seqs?.holds(seq) ?? false;
  }

  /**
   * Fan-out delivered log position `seq` and the doc holds it now. A position skipped is
   * given a moment to arrive (messages from two relays can cross), then taken from storage.
   */
  seen(seq: number): void {
    if (!this.seqs) return;
    this.seqs.see(seq);
    if (this.seqs.hasGap && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.seqs?.hasGap) void this.repair();
      }, GAP_GRACE_MS);
    }
  }

  /**
   * Brings the doc up to what storage holds (another relay's updates that fan-out lost or
   * has not delivered yet). Calls while one runs share it; failures are logged, not thrown.
   */
  repair(): Promise<void> {
    if (this.repairing) return this.repairing;
    if (!this.room.alive()) return Promise.resolve();
    const { mapId } = this.room;
    this.repairing = (async () => {
      const stored = await this.deps.storage.load(mapId);
      if (!stored || !this.room.alive()) return;
      const before = this.seqs?.watermark ?? 0;
      if (!(await this.room.catchUp(stored))) return;
      this.seqs?.seeAllThrough(stored.lastSeq);
      this.deps.metrics.repairs.inc();
      this.deps.logger.debug(
        { mapId, from: before, through: stored.lastSeq },
        'repaired from storage',
      );
    })()
      .catch((error: unknown) => {
        this.deps.logger.warn({ mapId, err: error }, 'repair from storage failed');
      })
      .finally(() => {
        this.repairing = null;
      });
    return this.repairing;
  }

  /** The room is gone: a repair waiting for its grace period does not start. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
