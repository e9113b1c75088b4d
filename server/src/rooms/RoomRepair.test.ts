import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredMap } from '../storage/Storage.ts';
import { GAP_GRACE_MS, RoomRepair, type RepairedRoom } from './RoomRepair.ts';
import { newKit } from './testkit.ts';

/** A room that records what it was asked to catch up to, and says `ok`. */
function fakeRoom(ok = true): RepairedRoom & { caughtUp: StoredMap[]; dead: boolean } {
  const room = {
    mapId: 'm',
    caughtUp: [] as StoredMap[],
    dead: false,
    alive: () => !room.dead,
    catchUp: async (stored: StoredMap) => {
      room.caughtUp.push(stored);
      return ok;
    },
  };
  return room;
}

/** A kit whose storage holds map `m` with `entries` log entries past its snapshot. */
async function withLog(entries: number) {
  const kit = await newKit();
  await kit.storage.create({ id: 'm', title: 'M', createdAt: 1, snapshot: Uint8Array.of(0, 0) });
  const seqs = await kit.storage.append(
    Array.from({ length: entries }, () => ({ mapId: 'm', update: Uint8Array.of(0, 0) })),
  );
  return { kit, seqs };
}

describe('RoomRepair', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fills a gap fan-out left from storage once its grace has passed, not before', async () => {
    const { kit, seqs } = await withLog(3);
    const [first = 0, , third = 0] = seqs;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const room = fakeRoom();
    const repair = new RoomRepair(room, kit.deps, { lastSeq: first - 1 });
    repair.seen(first);
    repair.seen(third); // the second has not arrived (yet)
    expect(repair.seqs?.watermark).toBe(first);
    vi.advanceTimersByTime(GAP_GRACE_MS - 1);
    expect(room.caughtUp).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(repair.seqs?.watermark).toBe(third));
    expect(room.caughtUp).toHaveLength(1);
    expect(repair.holds(third - 1)).toBe(true);
    expect(kit.metrics.repairs.get()).toBe(1);
  });

  it('does not repair a gap that closes within its grace', async () => {
    const { kit, seqs } = await withLog(3);
    const [first = 0, second = 0, third = 0] = seqs;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const room = fakeRoom();
    const repair = new RoomRepair(room, kit.deps, { lastSeq: first - 1 });
    repair.seen(first);
    repair.seen(third);
    repair.seen(second); // crossed on the way, arrived late
    const load = vi.spyOn(kit.storage, 'load');
    vi.advanceTimersByTime(GAP_GRACE_MS);
    expect(load).not.toHaveBeenCalled();
    expect(repair.seqs?.watermark).toBe(third);
  });

  it('runs one repair for calls that overlap, and none for a room that is gone', async () => {
    const { kit } = await withLog(1);
    const room = fakeRoom();
    const repair = new RoomRepair(room, kit.deps, null);
    await Promise.all([repair.repair(), repair.repair()]);
    expect(room.caughtUp).toHaveLength(1);
    expect(repair.holds(1)).toBe(false); // no tracker: every delivery is applied
    room.dead = true;
    await repair.repair();
    expect(room.caughtUp).toHaveLength(1);
  });

  it('keeps its watermark when the room could not catch up', async () => {
    const { kit, seqs } = await withLog(2);
    const room = fakeRoom(false);
    const repair = new RoomRepair(room, kit.deps, { lastSeq: 0 });
    await repair.repair();
    expect(room.caughtUp).toHaveLength(1);
    expect(repair.seqs?.watermark).toBe(0);
    expect(repair.holds(seqs[0] ?? 0)).toBe(false);
  });

  it('starts no repair after it is closed', async () => {
    const { kit, seqs } = await withLog(3);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const room = fakeRoom();
    const repair = new RoomRepair(room, kit.deps, { lastSeq: 0 });
    repair.seen(seqs[2] ?? 0);
    repair.close();
    const load = vi.spyOn(kit.storage, 'load');
    vi.advanceTimersByTime(GAP_GRACE_MS * 2);
    expect(load).not.toHaveBeenCalled();
  });
});
