import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes } from '../protocol/constants.ts';
import type { MapModel } from './MapModel.ts';
import { InlineOffload } from './Offload.ts';
import { Room } from './Room.ts';
import {
  connect,
  createStoredMap,
  FakeFanout,
  newKit,
  openRoom,
  plainModel,
  pump,
  storedDoc,
  TestPeer,
  updateFrame,
} from './testkit.ts';

/** A model the off-thread jobs know by name, so compaction can summarise. */
const countingModel: MapModel = {
  ...plainModel,
  id: 'counting',
  summary: (doc) => ({ schemaVersion: 1, stats: { claims: doc.getMap('m').size } }),
};

/**
 * Rooms where every update and map counts as big (its Yjs work goes through the offload) but
 * none as huge: the doc stays on this thread, as for every map below `hostBytes`.
 */
async function bigKit(fanout?: FakeFanout) {
  const kit = await newKit({ offloadBytes: 1 }, fanout ? { fanout } : {});
  kit.deps.model = countingModel;
  kit.deps.offload = new InlineOffload(new Map([['counting', countingModel]]));
  return kit;
}

/** Rooms where every map and update counts as huge: the doc is hosted by the offload. */
async function hostedKit(fanout?: FakeFanout) {
  const kit = await bigKit(fanout);
  kit.deps.options = { ...kit.deps.options, hostBytes: 1, hostUpdateBytes: 1 };
  return kit;
}

/** An edit of 2,500 map entries: more structs than one slice takes. */
function bigEdit(doc: Y.Doc, from = 0): void {
  doc.transact(() => {
    for (let i = from; i < from + 2500; i++) doc.getMap('m').set(`k${i}`, `value ${i}`);
  });
}

describe('Room with big updates', () => {
  it('applies a big update in slices, commits each, and relays the whole to the others', async () => {
    const kit = await bigKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    bigEdit(a.doc);
    await pump(kit, room, [a, b]);
    await room.whenCommitted();
    await pump(kit, room, [a, b]);
    expect(b.doc.getMap('m').size).toBe(2500);
    expect(room.hostedOffThread).toBe(false);
    const stored = await kit.storage.load('m');
    expect(stored?.updates.length).toBeGreaterThan(1);
    expect((await storedDoc(kit.storage, 'm')).getMap('m').toJSON()).toEqual(
      a.doc.getMap('m').toJSON(),
    );
    expect(a.closedWith).toBeNull();
  });

  it('closes the sender of a malformed big update and keeps the room for the others', async () => {
    const kit = await bigKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    // A delete range of length zero: decodes, but no Yjs client writes it.
    room.receive(a, updateFrame(Uint8Array.from([0, 1, 7, 1, 0, 0])));
    await room.whenCommitted();
    expect(a.closedWith).toBe(CloseCodes.UpdateRejected);
    expect(b.closedWith).toBeNull();
    expect(kit.failed).toEqual([]);
  });

  it('applies a client’s later update after its big one, in the order sent', async () => {
    const kit = await bigKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    bigEdit(a.doc);
    a.doc.getMap('m').set('k0', 'changed after');
    a.flush((f) => room.receive(a, f));
    await room.whenCommitted();
    await pump(kit, room, [a, b]);
    expect(b.doc.getMap('m').get('k0')).toBe('changed after');
    expect(room.doc.store.pendingStructs).toBeNull();
  });

  it('sends a new client the map as stored, log then snapshot, without the worker', async () => {
    const kit = await bigKit();
    const offload = kit.deps.offload!;
    let encoded = 0;
    kit.deps.offload = {
      ...offload,
      slice: (u) => offload.slice(u),
      compact: (stored, model) => offload.compact(stored, model),
      close: () => offload.close(),
      state: (stored, sv) => {
        encoded += 1;
        return offload.state(stored, sv);
      },
    };
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    bigEdit(a.doc);
    await pump(kit, room, [a]);
    a.doc.getMap('m').set('k1', 'edited later');
    await pump(kit, room, [a]);
    await room.whenCommitted();
    expect((await kit.storage.load('m'))?.updates.length).toBeGreaterThan(1);
    encoded = 0;

    const c = await connect(kit, room, new TestPeer('c'));
    expect(c.synced).toBe(true);
    expect(c.doc.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON());
    expect(c.doc.store.pendingStructs).toBeNull();
    expect(encoded).toBe(0);
    // A client that holds part of the map gets only what it lacks, from the worker.
    const d = new TestPeer('d');
    Y.applyUpdate(d.doc, Y.encodeStateAsUpdate(a.doc));
    a.doc.getMap('m').set('k2', 'edited once more');
    await pump(kit, room, [a]);
    await connect(kit, room, d);
    expect(d.doc.getMap('m').get('k2')).toBe('edited once more');
    expect(encoded).toBe(1);
  });

  it('leaves a log it cannot merge to the worker', async () => {
    const kit = await bigKit();
    await createStoredMap(kit.storage, 'm');
    const good = new Y.Doc();
    good.getMap('m').set('k', 'kept');
    await kit.storage.append([{ mapId: 'm', update: Y.encodeStateAsUpdate(good) }]);
    await kit.storage.append([{ mapId: 'm', update: Uint8Array.from([1, 2, 3, 4, 5]) }]);
    const room = await openRoom(kit);
    const c = await connect(kit, room, new TestPeer('c'));
    expect(c.synced).toBe(true);
    expect(c.doc.getMap('m').get('k')).toBe('kept');
    expect(c.closedWith).toBeNull();
  });

  it('syncs a new client from storage, loads in slices, and compacts off-thread', async () => {
    const kit = await bigKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    bigEdit(a.doc);
    await pump(kit, room, [a]);
    await room.whenCommitted();

    const c = await connect(kit, room, new TestPeer('c'));
    expect(c.synced).toBe(true);
    expect(c.doc.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON());

    expect(await room.summary()).toEqual({ schemaVersion: 1, stats: { claims: 2500 } });
    const stored = await kit.storage.load('m');
    expect(stored?.updates).toEqual([]);
    expect((await kit.storage.meta('m'))?.summary?.stats).toEqual({ claims: 2500 });

    await room.unload();
    const again = await Room.load('m', kit.deps);
    expect(again?.doc.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON());
  });
});

describe('Room with a huge map (its doc hosted off the event loop)', () => {
  it('moves the doc off the event loop for a big update, commits it and relays it', async () => {
    const kit = await hostedKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    bigEdit(a.doc);
    await pump(kit, room, [a, b]);
    await room.whenCommitted();
    await pump(kit, room, [a, b]);
    expect(b.doc.getMap('m').size).toBe(2500);
    expect(room.hostedOffThread).toBe(true);
    expect(() => room.doc).toThrow(/big/);
    const stored = await kit.storage.load('m');
    expect(stored?.updates.length).toBeGreaterThan(0);
    expect((await storedDoc(kit.storage, 'm')).getMap('m').toJSON()).toEqual(
      a.doc.getMap('m').toJSON(),
    );
    expect(a.closedWith).toBeNull();
  });

  it('closes the sender of a malformed big update and keeps the room for the others', async () => {
    const kit = await hostedKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    // A delete range of length zero: decodes, but no Yjs client writes it.
    room.receive(a, updateFrame(Uint8Array.from([0, 1, 7, 1, 0, 0])));
    await room.whenCommitted();
    expect(a.closedWith).toBe(CloseCodes.UpdateRejected);
    expect(b.closedWith).toBeNull();
    expect(kit.failed).toEqual([]);
  });

  it('applies a client’s later update after its big one, in the order sent', async () => {
    const kit = await hostedKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    bigEdit(a.doc);
    a.doc.getMap('m').set('k0', 'changed after');
    a.flush((f) => room.receive(a, f));
    await room.whenCommitted();
    await pump(kit, room, [a, b]);
    expect(b.doc.getMap('m').get('k0')).toBe('changed after');
    expect((await storedDoc(kit.storage, 'm')).getMap('m').get('k0')).toBe('changed after');
  });

  it('syncs a new client from the hosted doc, reloads it hosted, and compacts off-thread', async () => {
    const kit = await hostedKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    bigEdit(a.doc);
    await pump(kit, room, [a]);
    await room.whenCommitted();

    const c = await connect(kit, room, new TestPeer('c'));
    expect(c.synced).toBe(true);
    expect(c.doc.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON());

    expect(await room.summary()).toEqual({ schemaVersion: 1, stats: { claims: 2500 } });
    const stored = await kit.storage.load('m');
    expect(stored?.updates).toEqual([]);
    expect((await kit.storage.meta('m'))?.summary?.stats).toEqual({ claims: 2500 });

    await room.unload();
    const again = await Room.load('m', kit.deps);
    expect(again?.hostedOffThread).toBe(true);
    expect(await again?.readCommitted((doc) => doc.getMap('m').toJSON())).toEqual(
      a.doc.getMap('m').toJSON(),
    );
  });

  it('takes the relay’s own edits and reads in turn, committed before anyone sees them', async () => {
    const kit = await hostedKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    bigEdit(a.doc);
    await pump(kit, room, [a]);
    expect(room.hostedOffThread).toBe(true);
    // A client's edit, then the relay's, then the client's again: applied in that order.
    a.doc.getMap('m').set('order', 'client first');
    a.flush((f) => room.receive(a, f));
    const relay = new Y.Doc();
    relay.getMap('m').set('relay', 'restored');
    const relayEdit = room.change(
      (doc) => ({
        update: Y.encodeStateAsUpdate(relay),
        result: (after) => [doc.getMap('m').get('order'), after.getMap('m').get('relay')],
      }),
      'test',
    );
    a.doc.getMap('m').set('order', 'client after');
    a.flush((f) => room.receive(a, f));
    expect(await relayEdit).toEqual(['client first', 'restored']);
    await room.whenCommitted();
    await pump(kit, room, [a]);
    expect(a.doc.getMap('m').get('relay')).toBe('restored');
    const stored = await storedDoc(kit.storage, 'm');
    expect(stored.getMap('m').get('relay')).toBe('restored');
    expect(stored.getMap('m').get('order')).toBe('client after');
    await room.applyRelayUpdate(Y.encodeStateAsUpdate(relay), 'test');
    expect(await room.readCommitted((doc) => doc.getMap('m').size)).toBe(2502);
    expect(Y.decodeUpdate(await room.committedUpdate()).structs.length).toBeGreaterThan(0);
    expect(kit.failed).toEqual([]);
  });

  it('lets a viewer of a hosted map sync, and refuses its writes', async () => {
    const kit = await hostedKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    bigEdit(a.doc);
    await pump(kit, room, [a]);
    await room.whenCommitted();
    expect(room.hostedOffThread).toBe(true);

    const viewer = await connect(kit, room, new TestPeer('v', false, 'viewer'));
    await pump(kit, room, [a, viewer]);
    await room.whenCommitted();
    expect(viewer.doc.getMap('m').size).toBe(2500);
    expect(viewer.closedWith).toBeNull();
    expect(kit.deps.metrics.rejected.get({ reason: 'ReadOnly' })).toBe(0);

    viewer.doc.getMap('m').set('k1', 'a viewer wrote this');
    await pump(kit, room, [a, viewer]);
    await room.whenCommitted();
    expect(kit.deps.metrics.rejected.get({ reason: 'ReadOnly' })).toBe(1);
    expect((await storedDoc(kit.storage, 'm')).getMap('m').get('k1')).toBe('value 1');
    expect(a.doc.getMap('m').get('k1')).toBe('value 1');
  });

  it('applies small updates to a hosted doc in the order they arrive', async () => {
    const kit = await hostedKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    bigEdit(a.doc);
    await pump(kit, room, [a, b]);
    await room.whenCommitted();
    for (let i = 0; i < 20; i++) {
      a.doc.getMap('m').set('last', `a${i}`);
      a.flush((f) => room.receive(a, f));
    }
    await room.whenCommitted();
    await pump(kit, room, [a, b]);
    expect(b.doc.getMap('m').get('last')).toBe('a19');
    const stored = await kit.storage.load('m');
    expect(stored).not.toBeNull();
    expect((await storedDoc(kit.storage, 'm')).getMap('m').get('last')).toBe('a19');
  });

  it('applies other relays’ updates to a hosted doc and repairs a gap from storage', async () => {
    const fanout = new FakeFanout();
    const kit = await hostedKit(fanout);
    const room = await openRoom(kit);
    expect(room.hostedOffThread).toBe(true);
    const a = await connect(kit, room, new TestPeer('a'));
    // Another relay commits two updates; fan-out loses the first.
    const other = new Y.Doc();
    other.getMap('m').set('lost', 1);
    const lost = Y.encodeStateAsUpdate(other);
    const [seqLost] = await kit.storage.append([{ mapId: 'm', update: lost }]);
    const before = Y.encodeStateVector(other);
    other.getMap('m').set('second', 2);
    const second = Y.encodeStateAsUpdate(other, before);
    const [seqSecond] = await kit.storage.append([{ mapId: 'm', update: second }]);
    fanout.deliver('m', second, seqSecond ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await room.whenCommitted();
    await pump(kit, room, [a]);
    expect(a.doc.getMap('m').toJSON()).toEqual({ lost: 1, second: 2 });
    expect(room.watermark).toBeGreaterThanOrEqual(seqSecond ?? Infinity);
    expect(seqLost).toBeLessThan(seqSecond ?? 0);
    expect(kit.failed).toEqual([]);
  });
});
