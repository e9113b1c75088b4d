import { createMap } from '@warrant/shared';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocHost } from './DocHost.ts';
import { portable } from './Offload.ts';
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

  it('moves a stored map’s whole rows to a hosted doc, and copies views of pooled memory', async () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Handed over', createdAt: 1 });
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.getMap('extra').set('k', 'v');
    // A small Buffer is a view into Node's pool, which other Buffers share: never moved.
    const pooled = Buffer.from(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc())));
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const moving = new Set<ArrayBuffer>();
    const own = portable(pooled, true, moving);
    expect(own).toEqual(new Uint8Array(pooled));
    expect(own.buffer.byteLength).toBe(pooled.byteLength);
    expect([...moving]).toEqual([own.buffer]);
    const kept = new Uint8Array(8);
    expect(portable(kept, false, moving)).toBe(kept);
    expect(moving.has(kept.buffer)).toBe(false);

    const { host } = await DocHost.open(offload, { snapshot, updates: [pooled] }, 'map');
    expect(snapshot.byteLength).toBe(0);
    expect(pooled.byteLength).toBeGreaterThan(0);
    expect(await host.title('map')).toBe('Handed over');
    const whole = new Y.Doc();
    Y.applyUpdate(whole, await host.diff());
    expect(whole.getMap('extra').get('k')).toBe('v');
    host.close();
  }, 30_000);
});
