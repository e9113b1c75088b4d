import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerCalls } from './WorkerCalls.ts';

/** Answers `{ id, n }` with n doubled, refuses a negative n, and exits on n = 0. */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, n }) => {
  if (n === 0) process.exit(3);
  if (n < 0) parentPort.postMessage({ id, ok: false, error: 'negative ' + n });
  else setTimeout(() => parentPort.postMessage({ id, ok: true, result: n * 2 }), 10 - n);
});
`;

const threads: Worker[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.terminate()));
});

function start(onGone: () => void = () => {}): WorkerCalls {
  const thread = new Worker(SOURCE, { eval: true });
  threads.push(thread);
  return new WorkerCalls(thread, 'test', onGone);
}

describe('WorkerCalls', () => {
  it('settles each call with the reply carrying its id, whatever order replies come in', async () => {
    const calls = start();
    const results = await Promise.all(
      [1, 2, 3].map((n) => calls.call<number>((id) => ({ id, n }))),
    );
    expect(results).toEqual([2, 4, 6]);
  });

  it("rejects a call the worker answers with an error, with the worker's message", async () => {
    const calls = start();
    await expect(calls.call((id) => ({ id, n: -1 }))).rejects.toThrow('negative -1');
    await expect(calls.call<number>((id) => ({ id, n: 4 }))).resolves.toBe(8);
  });

  it('rejects every waiting call and reports the worker gone when it exits', async () => {
    let gone = 0;
    const calls = start(() => (gone += 1));
    const waiting = calls.call((id) => ({ id, n: 5 }));
    const exiting = calls.call((id) => ({ id, n: 0 }));
    await expect(waiting).rejects.toThrow('the test worker exited (code 3)');
    await expect(exiting).rejects.toThrow('the test worker exited (code 3)');
    expect(gone).toBe(1);
  });
});
