import { addClaim, getClaim, listClaims, setClaimText } from '@warrant/shared';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MapService } from '../maps/MapService.ts';
import { sharedModel } from '../maps/sharedModel.ts';
import { InlineOffload } from '../rooms/Offload.ts';
import { RoomManager } from '../rooms/RoomManager.ts';
import { newKit, storedDoc } from '../rooms/testkit.ts';
import { StorageUnavailableError } from '../storage/Storage.ts';
import { AutoVersions } from './AutoVersions.ts';
import { UnknownVersionError, VersionService } from './VersionService.ts';

/** `hosted`: every map's doc lives with the offload (as a huge map's on the worker thread). */
async function newService(writable = true, hosted = false) {
  const kit = await newKit(hosted ? { offloadBytes: 1, hostBytes: 1, hostUpdateBytes: 1 } : {});
  kit.deps.model = sharedModel;
  if (hosted) kit.deps.offload = new InlineOffload(new Map([[sharedModel.id ?? '', sharedModel]]));
  const rooms = new RoomManager(kit.deps, { unloadAfterMs: 60_000 });
  const maps = new MapService(kit.storage, rooms, sharedModel);
  const health = {
    status: () =>
      writable
        ? ({ writable: true } as const)
        : ({ writable: false, error: 'SQLITE_FULL: disk full', since: '' } as const),
  };
  const versions = new VersionService(kit.storage, maps, rooms, sharedModel, health, {
    autoVersionsKept: 2,
  });
  const { id } = await maps.create('Seminar');
  return { kit, rooms, maps, versions, id };
}

/**
 * Makes an edit on the map's live room, as the relay's own (made on a copy, so it works
 * wherever the room's doc lives), and waits for the commit.
 */
async function edit<T>(rooms: RoomManager, id: string, change: (doc: Y.Doc) => T): Promise<T> {
  const room = await rooms.acquire(id);
  if (!room) throw new Error('no room');
  try {
    return await room.change((doc) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(copy);
      const made = change(copy);
      return { update: Y.encodeStateAsUpdate(copy, before), result: () => made };
    }, 'test');
  } finally {
    rooms.release(room);
  }
}

describe('VersionService', () => {
  it('restores through the room: the restore is committed, so storage holds it too', async () => {
    const { rooms, versions, id, kit } = await newService();
    let claim = '';
    await edit(rooms, id, (doc) => (claim = addClaim(doc, { text: 'Old words' })));
    const saved = await versions.save(id, { name: 'v1', author: 'owner', auto: false });
    await edit(rooms, id, (doc) => setClaimText(doc, claim, 'New words'));
    const restored = await versions.restore(id, saved?.id ?? '');
    expect(restored?.changes).toEqual({ added: 0, removed: 0, changed: 1 });
    await kit.commits.drain();
    expect(getClaim(await storedDoc(kit.storage, id), claim)?.text).toBe('Old words');
    await rooms.close();
  });

  it('saves, compares and restores a huge map whose doc lives on the worker thread', async () => {
    const { rooms, versions, id, kit, maps } = await newService(true, true);
    const claim = await edit(rooms, id, (doc) => addClaim(doc, { text: 'Old words' }));
    const room = await rooms.peek(id);
    expect(room?.hostedOffThread).toBe(true);
    const saved = await versions.save(id, { name: 'v1', author: 'owner', auto: false });
    await edit(rooms, id, (doc) => setClaimText(doc, claim, 'New words'));
    await edit(rooms, id, (doc) => addClaim(doc, { text: 'Added later' }));
    const diff = await versions.diff(id, { version: saved?.id ?? '' }, 'current');
    expect(diff?.claims.added.map((c) => c.text)).toEqual(['Added later']);
    const restored = await versions.restore(id, saved?.id ?? '');
    expect(restored?.changes).toEqual({ added: 0, removed: 1, changed: 1 });
    expect(await maps.read(id, (doc) => listClaims(doc).map((c) => c.text))).toEqual(['Old words']);
    await kit.commits.drain();
    const stored = await storedDoc(kit.storage, id);
    expect(listClaims(stored).map((c) => c.text)).toEqual(['Old words']);
    expect(room?.hostedOffThread).toBe(true);
    expect(kit.failed).toEqual([]);
    await rooms.close();
  });

  it('refuses a restore while storage cannot take writes, changing nothing', async () => {
    const { rooms, versions, id, maps } = await newService(false);
    await edit(rooms, id, (doc) => addClaim(doc, { text: 'Kept' }));
    await expect(versions.restore(id, 'nope')).rejects.toBeInstanceOf(UnknownVersionError);
    const saved = await versions.save(id, { name: 'v1', author: 'owner', auto: false });
    await edit(rooms, id, (doc) => addClaim(doc, { text: 'Also kept' }));
    await expect(versions.restore(id, saved?.id ?? '')).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(await maps.read(id, (doc) => listClaims(doc).length)).toBe(2);
    await rooms.close();
  });

  it('takes an automatic version once a map is quiet, not while edits keep coming', async () => {
    const { rooms, versions, id } = await newService();
    await edit(rooms, id, (doc) => addClaim(doc, { text: 'One' }));
    // Only the quiet timers are faked: commits still run on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const auto = new AutoVersions(versions, 1000, pino({ level: 'silent' }));
      const save = vi.spyOn(versions, 'save');
      auto.edited([id]);
      vi.advanceTimersByTime(900);
      auto.edited([id]);
      vi.advanceTimersByTime(900);
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(200);
      expect(save).toHaveBeenCalledTimes(1);
      vi.useRealTimers();
      await auto.close();
      expect((await versions.list(id)).map((v) => [v.auto, v.author])).toEqual([
        [true, 'automatic'],
      ]);
      await rooms.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
