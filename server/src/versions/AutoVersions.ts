import type { Logger } from 'pino';
import type { VersionService } from './VersionService.ts';

/**
 * Automatic versions: once a map has had no committed edit for `quietMs` after one, its
 * state is saved as an automatic version (unless nothing changed since the newest version),
 * and the oldest automatic versions beyond the kept limit go. Told of every commit by the
 * commit queue, so maps edited by anyone, through any path, are covered; a map that goes
 * quiet while unloaded is read from storage.
 */
export class AutoVersions {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly saving = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly versions: VersionService,
    private readonly quietMs: number,
    private readonly logger: Logger,
  ) {}

  /** The maps just committed to: their quiet period starts again. */
  edited(mapIds: Iterable<string>): void {
    if (this.closed || this.quietMs <= 0) return;
    for (const mapId of mapIds) {
      const old = this.timers.get(mapId);
      if (old) clearTimeout(old);
      const timer = setTimeout(() => this.quiet(mapId), this.quietMs);
      timer.unref();
      this.timers.set(mapId, timer);
    }
  }

  /** Stops the timers and waits for versions being saved; call before storage closes. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.saving);
  }

  private quiet(mapId: string): void {
    this.timers.delete(mapId);
    if (this.closed) return;
    const done = this.versions
      .save(mapId, { name: 'Automatic version', author: 'automatic', auto: true })
      .then(
        (saved) => {
          if (saved) this.logger.info({ mapId, version: saved.id }, 'automatic version saved');
        },
        (error: unknown) => {
          this.logger.warn({ mapId, err: error }, 'automatic version failed');
        },
      )
      .finally(() => this.saving.delete(done));
    this.saving.add(done);
  }
}
