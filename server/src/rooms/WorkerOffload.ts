import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SliceResult } from './sliceUpdate.ts';
import type { HostOp, HostResults } from './DocCore.ts';
import { portable, type Compacted, type Offload, type StoredBytes } from './Offload.ts';
import { WorkerCalls, type WorkerReply } from '../workers/WorkerCalls.ts';

/** A job for the worker, by name, with its arguments. */
export type OffloadRequest =
  | { job: 'slice'; update: Uint8Array }
  | { job: 'state'; stored: StoredBytes; stateVector: Uint8Array }
  | { job: 'compact'; stored: StoredBytes; model: string | null }
  | { job: 'host'; key: number; op: HostOp };

/** What the worker answers request `id` with. */
export type OffloadReply = WorkerReply<SliceResult | Uint8Array | Compacted | HostResult>;

type HostResult = HostResults[HostOp['op']];

/** Resolves tsx from the relay's own dependencies, whatever the working directory. */
const require = createRequire(import.meta.url);
/** tsx's ESM API (`tsx/esm/api`, whose `register` works on any thread), as a file URL. */
const tsxApi = (): string =>
  pathToFileURL(require.resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');

/**
 * Runs the offloaded Yjs jobs on one worker thread (`yjsWorker.ts`), started on the first
 * job and shared by every room. One thread, not a pool: the jobs are rare (big maps only)
 * and the point is to keep them off the event loop, not to run several at once. If the
 * worker dies, its pending jobs reject and the next job starts a new one.
 */
export class WorkerOffload implements Offload {
  private worker: { thread: Worker; calls: WorkerCalls } | null = null;

  constructor(private readonly entry: URL = defaultEntry()) {}

  slice(update: Uint8Array): Promise<SliceResult> {
    const transfer = new Set<ArrayBuffer>();
    const mine = portable(update, false, transfer);
    return this.run({ job: 'slice', update: mine }, [...transfer]) as Promise<SliceResult>;
  }

  state(stored: StoredBytes, stateVector: Uint8Array): Promise<Uint8Array> {
    const transfer = new Set<ArrayBuffer>();
    const mine = keptStored(stored, transfer);
    return this.run({ job: 'state', stored: mine, stateVector }, [
      ...transfer,
    ]) as Promise<Uint8Array>;
  }

  compact(stored: StoredBytes, model: string | null): Promise<Compacted> {
    const transfer = new Set<ArrayBuffer>();
    const mine = keptStored(stored, transfer);
    return this.run({ job: 'compact', stored: mine, model }, [...transfer]) as Promise<Compacted>;
  }

  host<O extends HostOp>(
    key: number,
    op: O,
    transfer: readonly ArrayBuffer[] = [],
  ): Promise<HostResults[O['op']]> {
    return this.run({ job: 'host', key, op }, transfer) as Promise<HostResults[O['op']]>;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.thread.terminate();
  }

  /**
   * Posts `request`: its bytes are copied, except the buffers in `transfer`, which move
   * (`portable`: bytes the caller gave up, or copies of views made to be moved).
   */
  private run(request: OffloadRequest, transfer: readonly ArrayBuffer[] = []): Promise<unknown> {
    return this.start().calls.call((id) => ({ id, request }), transfer);
  }

  private start(): { thread: Worker; calls: WorkerCalls } {
    if (this.worker) return this.worker;
    // From TypeScript sources (tests, `pnpm dev`) the worker registers tsx first, as the
    // relay itself was started with it; the compiled relay starts plain JavaScript.
    const thread = this.entry.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register();` +
            ` return import(${JSON.stringify(this.entry.href)}); });`,
          { eval: true },
        )
      : new Worker(this.entry);
    thread.unref();
    const worker = {
      thread,
      calls: new WorkerCalls(thread, 'Yjs', () => {
        if (this.worker === worker) this.worker = null;
      }),
    };
    this.worker = worker;
    return worker;
  }
}

/** `yjsWorker.ts` beside this module, or `yjsWorker.js` beside the compiled relay. */
function defaultEntry(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? '../maps/yjsWorker.ts' : './yjsWorker.js', here);
}

/**
 * A stored map for a job whose caller keeps its bytes: views are copied and moved
 * (`portable`), whole buffers copied by the post.
 */
function keptStored(stored: StoredBytes, transfer: Set<ArrayBuffer>): StoredBytes {
  return {
    snapshot: portable(stored.snapshot, false, transfer),
    updates: stored.updates.map((u) => portable(u, false, transfer)),
  };
}
