import { createMap } from '@warrant/shared';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkerOffload } from './WorkerOffload.ts';

describe('WorkerOffload', () => {
  const offload = new WorkerOffload();
  afterAll(() => offload.close());

  it('cuts, encodes and compacts on its worker thread, with the map model', async () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'On a worker', createdAt: 1 });
    const update = Y.encodeStateAsUpdate(doc);

    const cut = await offload.slice(update);
    expect(cut.kind).toBe('slices');
    const rebuilt = new Y.Doc();
    if (cut.kind === 'slices') for (const s of cut.slices) Y.applyUpdate(rebuilt, s);
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));

    const stored = { snapshot: update, updates: [] };
    const reply = await offload.state(stored, Y.encodeStateVector(new Y.Doc()));
    const synced = new Y.Doc();
    Y.applyUpdate(synced, reply);
    expect(Y.encodeStateVector(synced)).toEqual(Y.encodeStateVector(doc));

    const compacted = await offload.compact(stored, 'map');
    expect(compacted.title).toBe('On a worker');
    expect(compacted.summary?.stats).toMatchObject({ claims: 0 });
  }, 30_000); // starting the thread compiles its TypeScript first

  it('rejects a job the worker fails, and keeps serving', async () => {
    await expect(
      offload.state({ snapshot: Uint8Array.of(255, 255), updates: [] }, Uint8Array.of(0)),
    ).rejects.toThrow();
    expect((await offload.slice(Y.encodeStateAsUpdate(new Y.Doc()))).kind).toBe('slices');
  }, 30_000);
});
