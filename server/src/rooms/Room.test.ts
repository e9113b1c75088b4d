import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes, MessageType, SyncMessageType } from '../protocol/constants.ts';
import { MapTooNewError } from './MapModel.ts';
import { Room } from './Room.ts';
import {
  connect,
  createStoredMap,
  newKit,
  openRoom,
  pump,
  storedDoc,
  TestPeer,
  updateFrame,
} from './testkit.ts';

describe('Room', () => {
  it('loads the stored document and opens the sync with step 1', async () => {
    const kit = await newKit();
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'stored');
    await createStoredMap(kit.storage, 'm', seed);
    const room = await openRoom(kit);
    const peer = new TestPeer('a');
    room.join(peer);
    expect(peer.received).toHaveLength(1);
    expect(peer.received[0]?.slice(0, 2)).toEqual(
      Uint8Array.of(MessageType.Sync, SyncMessageType.Step1),
    );
    peer.start();
    await pump(kit, room, [peer]);
    expect(peer.synced).toBe(true);
    expect(peer.text()).toBe('stored');
  });

  it('refuses to load a map the model cannot open, freeing what it built', async () => {
    const kit = await newKit();
    await createStoredMap(kit.storage, 'm');
    kit.deps.model = {
      ...kit.deps.model,
      open: () => {
        throw new MapTooNewError('saved by schema 99');
      },
      title: () => undefined,
    };
    await expect(Room.load('m', kit.deps)).rejects.toBeInstanceOf(MapTooNewError);
  });

  it('resolves null for a map that does not exist', async () => {
    const kit = await newKit();
    expect(await Room.load('nope', kit.deps)).toBeNull();
  });

  it('closes only the sender of an update Yjs cannot decode, storing nothing of it', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    const good = new Y.Doc();
    good.getText('t').insert(0, 'x'.repeat(50));
    const truncated = Y.encodeStateAsUpdate(good).slice(0, 20);
    room.receive(a, updateFrame(truncated));
    expect(a.closedWith).toBe(CloseCodes.UpdateRejected);
    expect(kit.metrics.rejected.get({ reason: 'UpdateRejected' })).toBe(1);
    b.doc.getText('t').insert(0, 'still here');
    await pump(kit, room, [b]);
    expect(b.closedWith).toBeNull();
    expect((await kit.storage.load('m'))?.updates).toHaveLength(1);
    expect((await storedDoc(kit.storage, 'm')).getText('t').toString()).toBe('still here');
  });

  it('closes a connection whose frame is malformed or of an unknown type', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    const c = await connect(kit, room, new TestPeer('c'));
    room.receive(a, Uint8Array.of(MessageType.Sync, SyncMessageType.Update, 50, 1, 2));
    room.receive(b, Uint8Array.of(42));
    room.receive(c, Uint8Array.of(MessageType.Sync, 7, 0));
    expect(a.closedWith).toBe(CloseCodes.MalformedMessage);
    expect(b.closedWith).toBe(CloseCodes.UnknownMessageType);
    expect(c.closedWith).toBe(CloseCodes.UnknownMessageType);
    expect(room.connectionCount).toBe(0);
  });

  it('holds an update with missing dependencies until they arrive, then sends it to its author too', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const base = new Y.Doc();
    base.getText('t').insert(0, 'base');
    const baseUpdate = Y.encodeStateAsUpdate(base);
    const fork = new Y.Doc();
    Y.applyUpdate(fork, baseUpdate);
    const sv = Y.encodeStateVector(fork);
    fork.getText('t').insert(4, '+fork');
    const dependent = Y.encodeStateAsUpdate(fork, sv);
    room.receive(a, updateFrame(dependent));
    await pump(kit, room, [a]);
    expect(a.closedWith).toBeNull();
    expect((await kit.storage.load('m'))?.updates).toHaveLength(0);
    const b = await connect(kit, room, new TestPeer('b'));
    expect(b.text()).toBe('');
    room.receive(b, updateFrame(baseUpdate));
    await pump(kit, room, [a, b]);
    expect(a.text()).toBe('base+fork');
    expect(b.text()).toBe('base+fork');
    expect((await storedDoc(kit.storage, 'm')).getText('t').toString()).toBe('base+fork');
  });

  it('closes a connection whose pending updates pass the cap and drops them', async () => {
    const kit = await newKit({ maxPendingBytes: 1000 });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const fork = new Y.Doc();
    fork.getText('t').insert(0, 'base');
    const sv = Y.encodeStateVector(fork);
    fork.getText('t').insert(4, 'y'.repeat(5000));
    room.receive(a, updateFrame(Y.encodeStateAsUpdate(fork, sv)));
    expect(a.closedWith).toBe(CloseCodes.MissingDependencies);
    expect(room.doc.store.pendingStructs).toBeNull();
    await kit.commits.drain();
    expect((await kit.storage.load('m'))?.updates).toHaveLength(0);
  });

  it('refuses updates with zero-length structs or delete ranges, which break Yjs', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const honest = await connect(kit, room, new TestPeer('honest'));
    // A zero-length deleted item; a zero-length string with an item that depends on it.
    for (const hex of ['01010500010101740000', '010205000401017400840500017100']) {
      const hostile = await connect(kit, room, new TestPeer(`hostile ${hex}`));
      room.receive(hostile, updateFrame(Buffer.from(hex, 'hex')));
      expect(hostile.closedWith).toBe(CloseCodes.UpdateRejected);
    }
    honest.doc.getText('t').insert(0, 'still fine');
    await pump(kit, room, [honest]);
    const late = await connect(kit, room, new TestPeer('late'));
    expect(late.text()).toBe('still fine');
    expect(kit.failed).toEqual([]);
    expect((await storedDoc(kit.storage, 'm')).getText('t').toString()).toBe('still fine');
  });

  it('stores nothing of an update Yjs throws on, and reloads the room from storage', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    a.doc.getText('t').insert(0, 'kept ');
    await pump(kit, room, [a, b]);
    // Yjs throwing halfway through a transaction, after it emitted the update.
    let broken = true;
    room.doc.on('afterTransaction', () => {
      if (broken) throw new Error('simulated Yjs failure');
    });
    a.doc.getText('t').insert(5, 'poison');
    a.flush((f) => room.receive(a, f));
    broken = false;
    await kit.commits.drain();
    expect(a.closedWith).toBe(CloseCodes.UpdateRejected);
    expect(b.closedWith).toBe(CloseCodes.InternalError);
    expect(kit.failed).toEqual(['m']);
    expect((await storedDoc(kit.storage, 'm')).getText('t').toString()).toBe('kept ');
  });
});
