import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Fanout } from '../fanout/Fanout.ts';
import { CloseCodes, Limits, MessageType, SyncMessageType } from '../protocol/constants.ts';
import type { AppendEntry, Storage } from '../storage/Storage.ts';
import { SqliteStorage } from '../storage/sqlite/SqliteStorage.ts';
import { MapTooNewError } from './MapModel.ts';
import { Room } from './Room.ts';
import { createStoredMap, newKit, storedDoc, TestPeer } from './testkit.ts';

async function openRoom(kit: Awaited<ReturnType<typeof newKit>>, id = 'm'): Promise<Room> {
  if (!(await kit.storage.meta(id))) await createStoredMap(kit.storage, id);
  const room = await Room.load(id, kit.deps);
  if (!room) throw new Error('room did not load');
  return room;
}

/** Joins a peer, runs the sync handshake and waits for it to settle. */
async function connect(kit: Awaited<ReturnType<typeof newKit>>, room: Room, peer: TestPeer) {
  room.join(peer);
  peer.start();
  await pump(kit, room, [peer]);
  return peer;
}

/** Delivers queued frames and commits until nothing moves. */
async function pump(kit: Awaited<ReturnType<typeof newKit>>, room: Room, peers: TestPeer[]) {
  for (let round = 0; round < 20; round++) {
    for (const p of peers) p.flush((f) => room.receive(p, f));
    await kit.commits.drain();
    await room.whenCommitted();
    await new Promise((r) => setImmediate(r));
    if (peers.every((p) => p.outbox.length === 0)) return;
  }
}

function awarenessFrame(awareness: awarenessProtocol.Awareness, ids: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
  return encoding.toUint8Array(e);
}

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncMessageType.Update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

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

  it('commits an update before any other connection receives it', async () => {
    const kit = await newKit();
    const seenAtCommit: number[] = [];
    const b = new TestPeer('b');
    const storage = kit.storage;
    const watching: Storage = Object.create(storage, {
      append: {
        value: (entries: readonly AppendEntry[]) => {
          seenAtCommit.push(b.doc.getText('t').length);
          return storage.append(entries);
        },
      },
    });
    const watched = await newKit({}, { storage: watching });
    const room = await openRoom(watched);
    const a = await connect(watched, room, new TestPeer('a'));
    await connect(watched, room, b);
    a.doc.getText('t').insert(0, 'hello');
    a.flush((f) => room.receive(a, f));
    expect(b.text()).toBe('');
    await watched.commits.drain();
    expect(seenAtCommit).toEqual([0]);
    expect(b.text()).toBe('hello');
    expect((await storedDoc(storage, 'm')).getText('t').toString()).toBe('hello');
    void kit;
  });

  it('sends each connection one merged frame per commit batch, never its own edits', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const [a, b, c] = [new TestPeer('a'), new TestPeer('b'), new TestPeer('c')];
    for (const p of [a, b, c]) await connect(kit, room, p);
    const before = [a, b, c].map((p) => p.received.length);
    for (let i = 0; i < 3; i++) a.doc.getMap('m').set(`a${i}`, i);
    for (let i = 0; i < 2; i++) b.doc.getMap('m').set(`b${i}`, i);
    a.flush((f) => room.receive(a, f));
    b.flush((f) => room.receive(b, f));
    await kit.commits.drain();
    await Promise.resolve();
    expect([a, b, c].map((p, i) => p.received.length - (before[i] ?? 0))).toEqual([1, 1, 1]);
    const keys = (p: TestPeer) => [...p.doc.getMap('m').keys()].sort();
    expect(keys(c)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    expect(keys(a)).toEqual(keys(c));
    expect(keys(b)).toEqual(keys(c));
    const authorsIn = (frame: Uint8Array | undefined) => {
      const d = decoding.createDecoder(frame ?? new Uint8Array());
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      return new Set(Y.decodeUpdate(decoding.readVarUint8Array(d)).structs.map((s) => s.id.client));
    };
    expect(authorsIn(a.received.at(-1))).toEqual(new Set([b.doc.clientID]));
    expect(authorsIn(c.received.at(-1))).toEqual(new Set([a.doc.clientID, b.doc.clientID]));
  });

  it('sends one shared frame per commit batch when many connections wrote in it', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const writers = Array.from({ length: 6 }, (_, i) => new TestPeer(`w${i}`));
    const reader = new TestPeer('r');
    for (const p of [...writers, reader]) await connect(kit, room, p);
    const before = [...writers, reader].map((p) => p.received.length);
    writers.forEach((w, i) => w.doc.getMap('m').set(`k${i}`, i));
    for (const w of writers) w.flush((f) => room.receive(w, f));
    await kit.commits.drain();
    await Promise.resolve();
    const frames = [...writers, reader].map((p, i) => p.received.slice(before[i] ?? 0));
    expect(frames.map((f) => f.length)).toEqual(Array(7).fill(1));
    const first = frames[0]?.[0];
    for (const [f] of frames) expect(f).toBe(first);
    for (const p of [...writers, reader]) expect(p.doc.getMap('m').size).toBe(6);
  });

  it('stores what Yjs accepted: a resent update adds nothing to the log', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const captured: Uint8Array[] = [];
    a.doc.on('update', (u: Uint8Array) => captured.push(u));
    a.doc.getText('t').insert(0, 'once');
    await pump(kit, room, [a]);
    const before = (await kit.storage.load('m'))?.updates.length;
    room.receive(a, updateFrame(captured[0] ?? new Uint8Array()));
    await pump(kit, room, [a]);
    expect((await kit.storage.load('m'))?.updates.length).toBe(before);
    expect(a.closedWith).toBeNull();
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

  it('answers a sync step 1 only once everything it would send is committed', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    a.doc.getText('t').insert(0, 'pending');
    a.flush((f) => room.receive(a, f));
    const b = new TestPeer('b');
    room.join(b);
    b.start();
    b.flush((f) => room.receive(b, f));
    await Promise.resolve();
    expect(b.synced).toBe(false);
    await kit.commits.drain();
    await room.whenCommitted();
    await Promise.resolve();
    expect(b.synced).toBe(true);
    expect(b.text()).toBe('pending');
  });

  it('acknowledges committed edits to clients that asked, and only to them', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const acker = await connect(kit, room, new TestPeer('acker', true));
    const stock = await connect(kit, room, new TestPeer('stock'));
    acker.doc.getText('t').insert(0, 'saved?');
    stock.doc.getText('t').insert(0, 'me too');
    await pump(kit, room, [acker, stock]);
    expect(stock.acks).toHaveLength(0);
    expect(stock.received.some((f) => f[0] === MessageType.Committed)).toBe(false);
    const last = acker.acks.at(-1);
    expect(last?.get(acker.doc.clientID)).toBe('saved?'.length);
    expect(last?.get(stock.doc.clientID)).toBe('me too'.length);
  });

  it('acknowledges an update the relay already had, so a reconnected client can say saved', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const first = await connect(kit, room, new TestPeer('first'));
    first.doc.getText('t').insert(0, 'stored before');
    await pump(kit, room, [first]);
    const again = await connect(kit, room, new TestPeer('again', true));
    const acksBefore = again.acks.length;
    room.receive(again, updateFrame(Y.encodeStateAsUpdate(first.doc)));
    await pump(kit, room, [again]);
    await new Promise((r) => setImmediate(r));
    expect(again.acks.length).toBeGreaterThan(acksBefore);
    expect(again.acks.at(-1)?.get(first.doc.clientID)).toBe('stored before'.length);
  });

  it('compacts past the threshold without losing any update', async () => {
    const kit = await newKit({ compactAfterUpdates: 5 });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    for (let i = 0; i < 23; i++) {
      a.doc.getText('t').insert(0, String(i % 10));
      a.flush((f) => room.receive(a, f));
      if (i % 3 === 0) await kit.commits.drain();
    }
    await pump(kit, room, [a]);
    await room.compact();
    expect(kit.metrics.compactions.get()).toBeGreaterThan(1);
    expect((await kit.storage.load('m'))?.updates.length).toBeLessThan(5);
    expect((await storedDoc(kit.storage, 'm')).getText('t').toString()).toBe(a.text());
  });

  it('folds a long stored log into a snapshot as soon as the map loads', async () => {
    const kit = await newKit({ compactAfterUpdates: 10 });
    await createStoredMap(kit.storage, 'm');
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 25; i++) doc.getArray<number>('xs').push([i]);
    await kit.storage.append(updates.map((update) => ({ mapId: 'm', update })));
    await openRoom(kit);
    await new Promise((r) => setImmediate(r));
    expect(kit.metrics.compactions.get()).toBe(1);
    expect((await kit.storage.load('m'))?.updates).toHaveLength(0);
    expect((await storedDoc(kit.storage, 'm')).getArray('xs').length).toBe(25);
  });

  it('drops every connection and reports failure when a commit fails', async () => {
    const storage = new SqliteStorage(':memory:');
    let failNext = false;
    const flaky: Storage = Object.create(storage, {
      append: {
        value: (entries: readonly AppendEntry[]) =>
          failNext ? Promise.reject(new Error('disk full')) : storage.append(entries),
      },
    });
    const kit = await newKit({}, { storage: flaky });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    failNext = true;
    a.doc.getText('t').insert(0, 'lost');
    a.flush((f) => room.receive(a, f));
    await kit.commits.drain();
    expect(a.closedWith).toBe(CloseCodes.InternalError);
    expect(b.closedWith).toBe(CloseCodes.InternalError);
    expect(b.text()).toBe('');
    expect(kit.failed).toEqual(['m']);
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

  it('loads a map whose log holds an entry Yjs cannot apply, skipping only that entry', async () => {
    const kit = await newKit();
    await createStoredMap(kit.storage, 'm');
    const good = (text: string) => {
      const doc = new Y.Doc();
      doc.getText(text).insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    await kit.storage.append([
      { mapId: 'm', update: good('before') },
      { mapId: 'm', update: Buffer.from('01010500010101740000', 'hex') },
      { mapId: 'm', update: good('after') },
    ]);
    const room = await openRoom(kit);
    expect(room.doc.getText('before').toString()).toBe('before');
    expect(room.doc.getText('after').toString()).toBe('after');
    const peer = await connect(kit, room, new TestPeer('p'));
    expect(peer.doc.getText('after').toString()).toBe('after');
  });

  it('waits for an in-flight commit before unloading', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    a.doc.getText('t').insert(0, 'in flight');
    a.flush((f) => room.receive(a, f));
    room.leave(a);
    await room.unload();
    const stored = await kit.storage.load('m');
    expect(stored?.updates).toHaveLength(0);
    expect((await storedDoc(kit.storage, 'm')).getText('t').toString()).toBe('in flight');
  });

  it('relays awareness and withdraws a leaving connection’s states', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    a.awareness.setLocalState({ name: 'Ada' });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(
      e,
      (await import('y-protocols/awareness')).encodeAwarenessUpdate(a.awareness, [a.doc.clientID]),
    );
    room.receive(a, encoding.toUint8Array(e));
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Ada' });
    room.leave(a);
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it('sends each connection’s awareness at most once per interval, latest state only', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    const framesAtB = () =>
      b.received.filter(
        (f) => decoding.readVarUint(decoding.createDecoder(f)) === MessageType.Awareness,
      ).length;
    const before = framesAtB();
    for (let i = 0; i < 200; i++) {
      a.awareness.setLocalState({ name: 'Ada', cursor: i });
      room.receive(a, awarenessFrame(a.awareness, [a.doc.clientID]));
    }
    // The first change goes out at once; the other 199 wait for one frame, with the last.
    expect(framesAtB() - before).toBe(1);
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Ada', cursor: 0 });
    await new Promise((r) => setTimeout(r, Limits.awarenessIntervalMs + 30));
    expect(framesAtB() - before).toBe(2);
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Ada', cursor: 199 });
    // Leaving is told at once.
    room.leave(a);
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it('still sends the changes a connection made just before it left', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    a.awareness.setLocalState({ name: 'Ada' });
    room.receive(a, awarenessFrame(a.awareness, [a.doc.clientID]));
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Ada' });
    // A stock client removes its own state as it closes (same clock, null), within the
    // interval, so that change waits; then its socket closes.
    const meta = a.awareness.meta.get(a.doc.clientID)!;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Awareness);
    const removal = encoding.createEncoder();
    encoding.writeVarUint(removal, 1);
    encoding.writeVarUint(removal, a.doc.clientID);
    encoding.writeVarUint(removal, meta.clock);
    encoding.writeVarString(removal, 'null');
    encoding.writeVarUint8Array(e, encoding.toUint8Array(removal));
    room.receive(a, encoding.toUint8Array(e));
    room.leave(a);
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it('holds back a same-link claim on someone’s awareness id until the holder is gone', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const ann = await connect(kit, room, new TestPeer('ann', false, 'editor', 'class-link'));
    const mallory = await connect(
      kit,
      room,
      new TestPeer('mallory', false, 'editor', 'class-link'),
    );
    const observer = await connect(kit, room, new TestPeer('observer'));
    ann.awareness.setLocalState({ name: 'Ann' });
    room.receive(ann, awarenessFrame(ann.awareness, [ann.doc.clientID]));
    // Mallory, holding the same share link, speaks for Ann's id: it is not applied, Mallory
    // stays connected (it could be Ann reconnecting), and Ann is asked whether she is there.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = ann.doc.clientID;
    for (let i = 0; i < 3; i++) forged.setLocalState({ name: 'Mallory as Ann' }); // clock past Ann's
    room.receive(mallory, awarenessFrame(forged, [ann.doc.clientID]));
    expect(observer.awareness.getStates().get(ann.doc.clientID)).toEqual({ name: 'Ann' });
    expect(mallory.closedWith).toBeNull();
    expect(ann.probes).toBe(1);
    // Ann answers the probe and stays; Mallory's removal of Ann's state is held back too.
    forged.setLocalState(null);
    room.receive(mallory, awarenessFrame(forged, [ann.doc.clientID]));
    expect(observer.awareness.getStates().get(ann.doc.clientID)).toEqual({ name: 'Ann' });
    // Had Ann's socket been dead (a reconnect), the claim takes over once she is gone.
    forged.setLocalState({ name: 'Ann, reconnected' });
    room.receive(mallory, awarenessFrame(forged, [ann.doc.clientID]));
    room.leave(ann);
    expect(observer.awareness.getStates().get(ann.doc.clientID)).toEqual({
      name: 'Ann, reconnected',
    });
    forged.destroy();
  });

  it('closes a connection that speaks for too many awareness ids', async () => {
    const kit = await newKit({ maxAwarenessIdsPerConnection: 2 });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const b = await connect(kit, room, new TestPeer('b'));
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const forged = new awarenessProtocol.Awareness(new Y.Doc());
      forged.setLocalState({ n: i });
      ids.push(forged.clientID);
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.Awareness);
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(forged, [forged.clientID]),
      );
      room.receive(a, encoding.toUint8Array(e));
      forged.destroy();
    }
    expect(a.closedWith).toBe(CloseCodes.TooManyAwarenessStates);
    expect(b.closedWith).toBeNull();
    // Whatever it claimed is withdrawn with it.
    expect(ids.filter((id) => b.awareness.getStates().has(id))).toEqual([]);
  });

  it('broadcasts fan-out updates from other relays without storing them again', async () => {
    let deliver: ((u: Uint8Array) => void) | null = null;
    const published: Uint8Array[] = [];
    const fanout: Fanout = {
      publish: (_id, u) => published.push(u),
      subscribe: (_id, on) => {
        deliver = on;
        return () => (deliver = null);
      },
      close: async () => {},
    };
    const kit = await newKit({}, { fanout });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const remote = new Y.Doc();
    remote.getText('t').insert(0, 'from afar');
    (deliver as ((u: Uint8Array) => void) | null)?.(Y.encodeStateAsUpdate(remote));
    expect(a.text()).toBe('from afar');
    await kit.commits.drain();
    expect((await kit.storage.load('m'))?.updates).toHaveLength(0);
    a.doc.getText('t').insert(0, 'local ');
    await pump(kit, room, [a]);
    expect(published).toHaveLength(1);
    await room.unload();
    expect(deliver).toBeNull();
  });
});
