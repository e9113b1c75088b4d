import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WorkerCalls } from '../../workers/WorkerCalls.ts';

/** What a small transaction adds to the WAL besides its values: about four 4 KiB pages. */
const TRANSACTION_PAGES_BYTES = 16 * 1024;

const PAGE_BYTES = 4096;

/** The most a worker's pass may leave (uncopied, or written since) for this thread to finish. */
const TAIL_BYTES = 1024 * 1024;

/** What one `PRAGMA wal_checkpoint` reported. */
export interface CheckpointResult {
  /** 1 if it could not run (another checkpoint held the lock). */
  readonly busy: number;
  /** Frames in the WAL. */
  readonly log: number;
  /** Frames of it copied into the database file. */
  readonly checkpointed: number;
}

export interface WalCheckpointerOptions {
  /** Checkpoint after about this many bytes were written since the last one. */
  readonly everyBytes?: number;
  /**
   * If the WAL file grows past this (the worker cannot keep up, or keeps failing), the main
   * connection checkpoints itself once, blocking: a bounded file is worth one long turn.
   */
  readonly maxWalBytes?: number;
}

/**
 * The WAL's checkpoints, off the event loop. With `wal_autocheckpoint` on (SQLite's default),
 * the commit that takes the WAL past 1,000 pages copies it into the database file and fsyncs
 * it, inside that commit, on the relay's event loop: 1.7 s for the WAL a 16 MB snapshot
 * leaves. Instead the main connection turns it off and a worker thread, with a connection of
 * its own, runs `PRAGMA wal_checkpoint(PASSIVE)` after every few megabytes written. A passive
 * checkpoint never blocks the writer, and a writer starting after a complete one rewinds the
 * WAL (`journal_size_limit` then truncates the file), so the WAL stays a few megabytes.
 */
export class WalCheckpointer {
  private worker: { thread: Worker; calls: WorkerCalls } | null = null;
  private unflushed = 0;
  /** Bytes counted by `wrote` since the start (what was written during a pass). */
  private written = 0;
  private running: Promise<CheckpointResult> | null = null;
  /** The one checkpoint waiting for the running one to end. */
  private queued: Promise<CheckpointResult> | null = null;
  private readonly everyBytes: number;
  private readonly maxWalBytes: number;

  constructor(
    private readonly file: string,
    /** Checkpoints on the caller's own connection (the last resort; see `maxWalBytes`). */
    private readonly checkpointHere: () => CheckpointResult,
    options: WalCheckpointerOptions = {},
  ) {
    this.everyBytes = options.everyBytes ?? 4 * 1024 * 1024;
    this.maxWalBytes = options.maxWalBytes ?? 256 * 1024 * 1024;
  }

  /**
   * Counts a committed transaction that wrote `bytes` of values; checkpoints once enough
   * have been. Each transaction also writes whole pages besides its values (the map's row,
   * the log's and its index's leaves): counted as `TRANSACTION_PAGES_BYTES`, so a stream of
   * small edits is checkpointed about as often as SQLite's own 1,000-page rule would.
   */
  wrote(bytes: number): void {
    this.unflushed += bytes + TRANSACTION_PAGES_BYTES;
    this.written += bytes + TRANSACTION_PAGES_BYTES;
    if (this.unflushed < this.everyBytes) return;
    this.unflushed = 0;
    if (walBytes(this.file) > this.maxWalBytes) {
      try {
        this.checkpointHere();
      } catch {
        // A full or read-only disk: the next commit fails and says so.
      }
    }
    void this.checkpoint().catch(() => {});
  }

  /**
   * Runs a passive checkpoint on the worker; resolves with what it reported. A call while one
   * runs resolves with the one after it (so it covers everything committed before the call).
   */
  checkpoint(): Promise<CheckpointResult> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.checkpoint();
      });
    return this.queued;
  }

  /** Stops the worker (its connection closes; the caller's connection then checkpoints). */
  async close(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)?.catch(() => {});
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.thread.terminate();
  }

  /**
   * One pass on the worker, then the tail on this thread: the writer kept committing while the
   * worker copied, and the WAL is rewound only when a transaction starts with all of it in the
   * database file. What is left is a few pages (what was committed during the pass), so this
   * thread's passive checkpoint of them is as short as a commit.
   */
  private async run(): Promise<CheckpointResult> {
    let result: CheckpointResult = { busy: 1, log: -1, checkpointed: -1 };
    // A few passes at most: while the writer writes faster than they copy, the next `wrote`
    // starts another.
    for (let pass = 0; pass < 3; pass++) {
      const before = this.written;
      result = await this.pass();
      const tail = (result.log - result.checkpointed) * PAGE_BYTES + (this.written - before);
      if (result.busy === 0 && tail <= TAIL_BYTES) {
        try {
          return this.checkpointHere();
        } catch {
          return result; // a full or read-only disk: the next commit fails and says so
        }
      }
    }
    return result;
  }

  private pass(): Promise<CheckpointResult> {
    return this.start().calls.call<CheckpointResult>((id) => id);
  }

  private start(): { thread: Worker; calls: WorkerCalls } {
    if (this.worker) return this.worker;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // Plain JavaScript, so it runs the same from TypeScript sources and the compiled relay.
    const thread = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.file, driver },
    });
    thread.unref();
    const worker = {
      thread,
      calls: new WorkerCalls(thread, 'checkpoint', () => {
        if (this.worker === worker) this.worker = null;
      }),
    };
    this.worker = worker;
    return worker;
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
parentPort.on('message', (id) => {
  try {
    db ??= new Database(workerData.file, { fileMustExist: true });
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: String(error && error.message || error) });
  }
});
`;

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
