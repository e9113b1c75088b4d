import type { RelayMetrics } from '../metrics/Metrics.ts';
import type { AuthorStamp } from '../storage/Attribution.ts';
import type { AppendEntry, Storage } from '../storage/Storage.ts';

interface Waiter {
  readonly mapId: string;
  readonly update: Uint8Array;
  readonly authors: AuthorStamp | undefined;
  readonly resolve: (seq: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: updates enqueued within one event-loop turn (or within `delayMs`) share one
 * storage transaction, across all maps. Each caller's promise resolves with its log position
 * once the whole batch is durable, so a room broadcasts only what is on disk. Batches commit
 * strictly one after another, and resolve in the order they were enqueued.
 */
export class CommitQueue {
  private queue: Waiter[] = [];
  private scheduled = false;
  private running: Promise<void> | null = null;
  private readonly committedListeners = new Set<(mapIds: ReadonlySet<string>) => void>();

  constructor(
    private readonly storage: Storage,
    private readonly metrics: RelayMetrics,
    private readonly delayMs = 0,
  ) {}

  /**
   * Resolves with the update's log position once it is durable (with `authors`, who wrote it,
   * recorded in the same transaction); rejects if the commit failed.
   */
  enqueue(mapId: string, update: Uint8Array, authors?: AuthorStamp): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ mapId, update, authors, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Calls `listener` after each durable commit with the maps it touched (automatic versions
   * watch for quiet maps this way). Returns a function that stops the calls.
   */
  onCommitted(listener: (mapIds: ReadonlySet<string>) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /** Resolves when everything enqueued so far has been committed (or has failed). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.running) {
      if (this.running) await this.running;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.delayMs > 0) setTimeout(run, this.delayMs);
    else setImmediate(run);
  }

  private async flush(): Promise<void> {
    if (this.running || this.queue.length === 0) return;
    // A batch ends once it holds `MAX_BATCH_BYTES` (a big update's slices, `DocCore`): a
    // synchronous backend then blocks the event loop for one slice's worth, not 16 MB.
    let take = 0;
    let bytes = 0;
    while (take < this.queue.length && (take === 0 || bytes < MAX_BATCH_BYTES)) {
      bytes += this.queue[take]?.update.byteLength ?? 0;
      take += 1;
    }
    const batch = this.queue.slice(0, take);
    this.queue = this.queue.slice(take);
    this.running = this.commit(batch);
    try {
      await this.running;
    } finally {
      this.running = null;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async commit(batch: Waiter[]): Promise<void> {
    const started = process.hrtime.bigint();
    let seqs: number[];
    try {
      seqs = await this.storage.append(batch.map(toEntry));
    } catch (error) {
      this.metrics.commitFailures.inc();
      for (const w of batch) w.reject(error);
      return;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.commits.inc();
    this.metrics.commitSeconds.observe(seconds);
    this.metrics.commitBatchSize.observe(batch.length);
    this.metrics.updatesPersisted.inc(batch.length);
    this.metrics.bytesPersisted.inc(batch.reduce((n, w) => n + w.update.byteLength, 0));
    batch.forEach((w, i) => w.resolve(seqs[i] ?? 0));
    const mapIds = new Set(batch.map((w) => w.mapId));
    for (const listener of this.committedListeners) listener(mapIds);
  }
}

/** How many bytes of updates one storage transaction takes at most (one update always fits). */
export const MAX_BATCH_BYTES = 1024 * 1024;

function toEntry({ mapId, update, authors }: Waiter): AppendEntry {
  return authors ? { mapId, update, authors } : { mapId, update };
}
