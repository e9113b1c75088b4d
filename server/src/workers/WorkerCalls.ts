import type { Worker } from 'node:worker_threads';

/** What a worker answers call `id` with: its result, or why it failed. */
export type WorkerReply<R> =
  { id: number; ok: true; result: R } | { id: number; ok: false; error: string };

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * Calls into one worker thread as promises: each call posts a message carrying a fresh id,
 * the worker's reply with that id settles it, and if the worker errs or exits every call
 * still waiting rejects (then `onGone` runs, so its owner starts a new worker next time).
 */
export class WorkerCalls {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `name` says which worker, in the error a call gets when it exits (`the … worker`). */
  constructor(
    private readonly worker: Worker,
    name: string,
    onGone: () => void,
  ) {
    worker.on('message', (reply: WorkerReply<unknown>) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
    });
    const fail = (error: Error): void => {
      onGone();
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const w of waiting) w.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ${name} worker exited (code ${code})`)));
  }

  /**
   * Posts `message(id)` and resolves with the worker's result for `id`. The buffers in
   * `transfer` move to the worker; the rest of the message is copied.
   */
  call<R>(message: (id: number) => unknown, transfer: readonly ArrayBuffer[] = []): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: (result) => resolve(result as R), reject });
      this.worker.postMessage(message(id), [...transfer]);
    });
  }
}
