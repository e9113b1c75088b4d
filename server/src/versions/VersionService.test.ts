import { addClaim, getClaim, listClaims, setClaimText } from '@warrant/shared';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { MapService } from '../maps/MapService.ts';
import { sharedModel } from '../maps/sharedModel.ts';
import { RoomManager } from '../rooms/RoomManager.ts';
import { newKit, storedDoc } from '../rooms/testkit.ts';
import { StorageUnavailableError } from '../storage/Storage.ts';
import { AutoVersions } from './AutoVersions.ts';
import { UnknownVersionError, VersionService } from './VersionService.ts';

async function newService(writable = true) {
  const kit = await newKit();
  kit.deps.model = sharedModel;
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

/** Makes an edit on the map's live room, as a connection would, and waits for the commit. */
async function edit(rooms: RoomManager, id: string, change: (doc: Y.Doc) => void) {
  const room = await rooms.acquire(id);
  if (!room) throw new Error('no room');
  change(room.doc);
  await room.whenCommitted();
  rooms.release(room);
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
