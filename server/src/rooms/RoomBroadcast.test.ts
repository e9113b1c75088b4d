import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType } from '../protocol/constants.ts';
import { connect, FakeFanout, newKit, openRoom, pump, TestPeer, updateFrame } from './testkit.ts';

describe('Room broadcast and acks', () => {
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

  it('broadcasts fan-out updates from other relays without storing them again', async () => {
    const fanout = new FakeFanout(false);
    const kit = await newKit({}, { fanout });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const remote = new Y.Doc();
    remote.getText('t').insert(0, 'from afar');
    fanout.deliver('m', Y.encodeStateAsUpdate(remote), 1);
    expect(a.text()).toBe('from afar');
    await kit.commits.drain();
    expect((await kit.storage.load('m'))?.updates).toHaveLength(0);
    a.doc.getText('t').insert(0, 'local ');
    await pump(kit, room, [a]);
    expect(fanout.published).toHaveLength(1);
    await room.unload();
    expect(fanout.subscribed).toBe(0);
  });
});
