import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendEntry, Storage } from '../storage/Storage.ts';
import { SqliteStorage } from '../storage/sqlite/SqliteStorage.ts';
import type { Room } from './Room.ts';
import { RoomManager } from './RoomManager.ts';
import { createStoredMap, newKit, storedDoc, TestPeer } from './testkit.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function settle(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function connect(room: Room, peer: TestPeer, kit: Awaited<ReturnType<typeof newKit>>) {
  room.join(peer);
  peer.start().flush((f) => room.receive(peer, f));
  await kit.commits.drain();
  await room.whenCommitted();
  peer.flush((f) => room.receive(peer, f));
  await kit.commits.drain();
}

describe('RoomManager', () => {
  it('loads a map once however many connections ask at the same time', async () => {
    const kit = await newKit();
    await createStoredMap(kit.storage, 'm');
    const rooms = new RoomManager(kit.deps, { unloadAfterMs: 1000 });
    const got = await Promise.all([1, 2, 3, 4].map(() => rooms.acquire('m')));
    expect(new Set(got).size).toBe(1);
    expect(kit.metrics.mapsLoaded.get()).toBe(1);
    expect(rooms.loadedCount).toBe(1);
    await rooms.close();
  });

  it('creates a document on first use only where `provision` says it should exist', async () => {
    const kit = await newKit();
    const asked: string[] = [];
    const rooms = new RoomManager(kit.deps, {
      unloadAfterMs: 1000,
      async provision(id) {
        asked.push(id);
        if (id !== 'known') return false;
        await createStoredMap(kit.storage, id);
        return true;
      },
    });
    expect(await rooms.acquire('unknown')).toBeNull();
    expect(await kit.storage.meta('unknown')).toBeNull();
    const room = await rooms.acquire('known');
    expect(room?.mapId).toBe('known');
    rooms.release(room!);
    expect(await rooms.acquire('known')).toBe(room);
    expect(asked).toEqual(['unknown', 'known']);
    await rooms.close();
  });

  it('resolves null for an unknown map without keeping anything', async () => {
    const kit = await newKit();
    const rooms = new RoomManager(kit.deps, { unloadAfterMs: 1000 });
    expect(await rooms.acquire('later')).toBeNull();
    await createStoredMap(kit.storage, 'later');
    expect(await rooms.acquire('later')).not.toBeNull();
    await rooms.close();
  });

  it('unloads an idle map and lets its memory be collected', async () => {
    const kit = await newKit();
    const rooms = new RoomManager(kit.deps, { unloadAfterMs: 20 });
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}`);
    for (const id of ids) {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, `${id} `.repeat(50_000));
      await createStoredMap(kit.storage, id, doc);
    }
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const refs: WeakRef<Y.Doc>[] = [];
    // Acquire in a helper so no stack slot of this function keeps the last room alive.
    for (const id of ids) refs.push(await loadAndRelease(rooms, id));
    gc();
    const loaded = process.memoryUsage().heapUsed;
    expect(rooms.loadedCount).toBe(30);
    await settle(() => rooms.loadedCount === 0, 'maps to unload');
    // Let the unload promise chains finish before collecting.
    await new Promise((r) => setTimeout(r, 10));
    gc();
    const unloaded = process.memoryUsage().heapUsed;
    expect(refs.map((r, i) => (r.deref() ? i : -1)).filter((i) => i >= 0)).toEqual([]);
    expect(unloaded - baseline).toBeLessThan((loaded - baseline) / 4);
    process.stdout.write(
      `unload: heap +${mb(loaded - baseline)} MiB with 30 maps loaded, ` +
        `+${mb(unloaded - baseline)} MiB after unload\n`,
    );
  });

  it('never unloads with a write in flight; a new user waits and gets every edit', async () => {
    const inner = new SqliteStorage(':memory:');
    let openGate: () => void = () => {};
    let gated = false;
    const gate: Storage = Object.create(inner, {
      append: {
        value: async (entries: readonly AppendEntry[]) => {
          if (gated) await new Promise<void>((resolve) => (openGate = resolve));
          return inner.append(entries);
        },
      },
    });
    const kit = await newKit({}, { storage: gate });
    await createStoredMap(inner, 'm');
    const rooms = new RoomManager(kit.deps, { unloadAfterMs: 0 });
    const room = await rooms.acquire('m');
    if (!room) throw new Error('not loaded');
    const peer = new TestPeer('a');
    await connect(room, peer, kit);

    gated = true;
    peer.doc.getText('t').insert(0, 'slow disk');
    peer.flush((f) => room.receive(peer, f));
    room.leave(peer);
    rooms.release(room);
    await new Promise((r) => setTimeout(r, 20));
    let reacquired: Room | null = null;
    const next = rooms.acquire('m').then((r) => (reacquired = r));
    await new Promise((r) => setTimeout(r, 20));
    expect(reacquired).toBeNull();
    expect(rooms.loadedCount).toBe(1);

    gated = false;
    openGate();
    await next;
    expect(reacquired).not.toBe(room);
    expect((reacquired as Room | null)?.doc.getText('t').toString()).toBe('slow disk');
    expect((await storedDoc(inner, 'm')).getText('t').toString()).toBe('slow disk');
    await rooms.close();
  });

  it('ignores a late release from a room that was already replaced', async () => {
    const kit = await newKit();
    await createStoredMap(kit.storage, 'm');
    const rooms = new RoomManager(kit.deps, { unloadAfterMs: 0 });
    const first = await rooms.acquire('m');
    if (!first) throw new Error('not loaded');
    rooms.release(first);
    await settle(() => rooms.loadedCount === 0, 'first to unload');
    const second = await rooms.acquire('m');
    if (!second) throw new Error('not loaded');
    rooms.release(first);
    await new Promise((r) => setTimeout(r, 20));
    expect(rooms.loadedCount).toBe(1);
    rooms.release(second);
    await settle(() => rooms.loadedCount === 0, 'second to unload');
  });
});

async function loadAndRelease(rooms: RoomManager, id: string): Promise<WeakRef<Y.Doc>> {
  const room = await rooms.acquire(id);
  if (!room) throw new Error('not loaded');
  rooms.release(room);
  return new WeakRef(room.doc);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
