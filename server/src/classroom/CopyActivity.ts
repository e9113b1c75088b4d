import { copyFigures, type CopyFigures } from '@warrant/shared';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { MapService } from '../maps/MapService.ts';
import type { ReviewService } from '../maps/openReviews.ts';
import type { AssignmentStore } from './AssignmentStore.ts';

/** The sparkline: committed edits per quarter hour over the last day. */
export const ACTIVITY_BUCKET_MS = 15 * 60_000;
export const ACTIVITY_BUCKETS = 96;
/** Figures are recounted at most this long after a copy's edit (its room is loaded then). */
export const RECOUNT_DELAY_MS = 2_000;

/**
 * The dashboard's figures and sparkline, kept off the hot path: a commit to a copy (its map
 * or its review document) marks it dirty and counts one edit in the current bucket; within
 * `RECOUNT_DELAY_MS` the dirty copies are recounted from their loaded rooms and the counts
 * added to storage. The dashboard then reads one row per copy instead of loading every
 * copy's document, and flushes first, so it never shows figures older than the last commit.
 */
export class CopyActivity {
  private readonly dirty = new Set<string>();
  private readonly counts = new Map<string, Map<number, number>>();
  private readonly lastActivity = new Map<string, number>();
  private readonly quietOnce = new Set<string>();
  private readonly lookups = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AssignmentStore,
    private readonly isCopy: (mapId: string) => Promise<boolean>,
    private readonly docs: { maps: MapService; reviews: ReviewService },
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Maps' commits (hooked to the maps' `CommitQueue.onCommitted`). */
  mapsCommitted(mapIds: ReadonlySet<string>): void {
    this.watch(mapIds, true);
  }

  /** Review documents' commits: comments change the figures, not the student's activity. */
  reviewsCommitted(mapIds: ReadonlySet<string>): void {
    this.watch(mapIds, false);
  }

  /** The copy's next commit is the relay's own (a template push), not the student's work. */
  quiet(mapId: string): void {
    this.quietOnce.add(mapId);
  }

  private watch(mapIds: ReadonlySet<string>, edits: boolean): void {
    const at = this.now();
    for (const mapId of mapIds) {
      const lookup = this.isCopy(mapId).then(
        (copy) => {
          if (!copy) return;
          this.dirty.add(mapId);
          if (edits && !this.quietOnce.delete(mapId)) {
            const bucket = Math.floor(at / ACTIVITY_BUCKET_MS);
            const mine = this.counts.get(mapId) ?? new Map<number, number>();
            mine.set(bucket, (mine.get(bucket) ?? 0) + 1);
            this.counts.set(mapId, mine);
            this.lastActivity.set(mapId, at);
          }
          this.schedule();
        },
        (error: unknown) => this.logger.warn({ err: error, mapId }, 'classroom: lookup failed'),
      );
      this.lookups.add(lookup);
      void lookup.finally(() => this.lookups.delete(lookup));
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'classroom: recounting copies failed'),
      );
    }, RECOUNT_DELAY_MS);
    this.timer.unref();
  }

  /** Recounts every dirty copy and stores the activity counted so far. */
  async flush(): Promise<void> {
    await Promise.all([...this.lookups]);
    const run = this.flushing.catch(() => undefined).then(() => this.flushNow());
    this.flushing = run;
    return run;
  }

  private async flushNow(): Promise<void> {
    const dirty = [...this.dirty];
    this.dirty.clear();
    const counts = [...this.counts].flatMap(([copyId, buckets]) =>
      [...buckets].map(([bucket, count]) => ({ copyId, bucket, count })),
    );
    this.counts.clear();
    const last = new Map(this.lastActivity);
    this.lastActivity.clear();
    try {
      await this.store.addActivity(counts);
    } catch (error) {
      for (const c of counts) {
        const mine = this.counts.get(c.copyId) ?? new Map<number, number>();
        mine.set(c.bucket, (mine.get(c.bucket) ?? 0) + c.count);
        this.counts.set(c.copyId, mine);
      }
      throw error;
    }
    for (const [i, mapId] of dirty.entries()) {
      try {
        await this.recount(mapId, last.get(mapId) ?? null);
      } catch (error) {
        // This copy and every one after it are recounted next time.
        for (const left of dirty.slice(i)) {
          this.dirty.add(left);
          const at = last.get(left);
          if (at !== undefined) this.lastActivity.set(left, at);
        }
        throw error;
      }
    }
  }

  /** Counts a copy's figures from its committed documents and stores them. */
  async recount(mapId: string, lastActivity: number | null = null): Promise<CopyFigures> {
    const review = new Y.Doc();
    try {
      Y.applyUpdate(review, await this.docs.reviews.state(mapId));
      const figures = await this.docs.maps.read(mapId, (doc) => copyFigures(doc, review));
      if (!figures) throw new Error(`copy ${mapId} has no map`);
      await this.store.setFigures(mapId, figures, lastActivity);
      return figures;
    } finally {
      review.destroy();
    }
  }

  /** The sparkline's window, ending with the current bucket. */
  window(): { fromBucket: number; buckets: number; bucketMs: number } {
    const current = Math.floor(this.now() / ACTIVITY_BUCKET_MS);
    return {
      fromBucket: current - ACTIVITY_BUCKETS + 1,
      buckets: ACTIVITY_BUCKETS,
      bucketMs: ACTIVITY_BUCKET_MS,
    };
  }

  /** Stores what is pending (the relay is shutting down). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
