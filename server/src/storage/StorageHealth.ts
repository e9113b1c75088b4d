import type { Logger } from 'pino';
import type { Storage } from './Storage.ts';

export type StorageStatus =
  | { readonly writable: true }
  | { readonly writable: false; readonly error: string; readonly since: string };

/**
 * Whether storage takes writes. The first failed write (a full disk, a read-only file, an
 * I/O error) flips it to failing and logs one loud error; from then on the relay refuses
 * edits (rooms tell clients so, `/healthz` answers 503) and probes storage with a real small
 * write every `probeMs` until one succeeds. Recovery is announced to listeners, which let
 * the clients whose edits were refused reconnect and deliver them.
 */
export class StorageHealth {
  private failure: { error: string; since: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private stopped = false;
  private readonly recovered = new Set<() => void>();
  private readonly failed = new Set<(cause: string, reported: boolean) => void>();

  constructor(
    private readonly storage: Pick<Storage, 'probe'>,
    private readonly logger: Pick<Logger, 'error' | 'warn' | 'info'>,
    private readonly probeMs = 1000,
  ) {}

  get writable(): boolean {
    return this.failure === null;
  }

  status(): StorageStatus {
    if (!this.failure) return { writable: true };
    return {
      writable: false,
      error: this.failure.error,
      since: new Date(this.failure.since).toISOString(),
    };
  }

  /**
   * Records a failed write. Idempotent while failing. `reported`: another relay sharing this
   * storage saw it fail; this relay refuses edits too and its own probe decides recovery.
   */
  fail(error: unknown, reported = false): void {
    if (this.failure || this.stopped) return;
    const described = describe(error);
    this.failure = { error: described, since: Date.now() };
    this.logger.error(
      { err: error, storageError: described, reported },
      reported
        ? 'another relay reports storage cannot take writes: refusing edits until a probe succeeds'
        : 'storage cannot take writes: refusing edits until it recovers',
    );
    for (const listener of this.failed) listener(described, reported);
    this.schedule();
  }

  /** Calls `listener` each time storage starts failing; returns an unsubscribe function. */
  onFailed(listener: (cause: string, reported: boolean) => void): () => void {
    this.failed.add(listener);
    return () => this.failed.delete(listener);
  }

  /** Calls `listener` each time storage recovers; returns an unsubscribe function. */
  onRecovered(listener: () => void): () => void {
    this.recovered.add(listener);
    return () => this.recovered.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.probe();
    }, this.probeMs);
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    if (this.probing || !this.failure || this.stopped) return;
    this.probing = true;
    try {
      await this.storage.probe();
    } catch (error) {
      const described = describe(error);
      if (this.failure && described !== this.failure.error) {
        this.logger.warn({ storageError: described }, 'storage still cannot take writes');
        this.failure = { ...this.failure, error: described };
      }
      this.schedule();
      return;
    } finally {
      this.probing = false;
    }
    const downFor = Date.now() - (this.failure?.since ?? Date.now());
    this.failure = null;
    this.logger.info({ downForMs: downFor }, 'storage recovered: accepting edits again');
    for (const listener of this.recovered) listener();
  }
}

/** "SQLITE_FULL: database or disk is full", or the message alone. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
