import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCodes, Limits, MessageType } from '../protocol/constants.ts';
import { awarenessFrame, connect, newKit, openRoom, TestPeer } from './testkit.ts';

describe('Room awareness', () => {
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
});
