import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  awarenessFrame,
  connect,
  FakeFanout,
  newKit,
  openRoom,
  pump,
  storedDoc,
  TestPeer,
} from './testkit.ts';

/** An update that inserts `text` at the start of the shared text, from a doc of its own. */
function insertion(text: string, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Room with relays sharing a map', () => {
  it('publishes each committed update with its log position', async () => {
    const fanout = new FakeFanout();
    const kit = await newKit({}, { fanout });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    a.doc.getText('t').insert(0, 'one');
    await pump(kit, room, [a]);
    a.doc.getText('t').insert(0, 'two ');
    await pump(kit, room, [a]);
    const seqs = fanout.published.map((p) => p.seq);
    expect(seqs).toHaveLength(2);
    expect(seqs[1]).toBeGreaterThan(seqs[0] ?? Infinity);
    expect(room.watermark).toBe(seqs[1]);
    await room.unload();
  });

  it('repairs from storage an update fan-out never delivered, and sends it to its clients', async () => {
    const fanout = new FakeFanout();
    const kit = await newKit({}, { fanout });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    // Another relay commits two updates; fan-out loses the first.
    const lost = insertion('lost ');
    const [seqLost] = await kit.storage.append([{ mapId: 'm', update: lost }]);
    const base = new Y.Doc();
    Y.applyUpdate(base, lost);
    const second = insertion('second ', base);
    const [seqSecond] = await kit.storage.append([{ mapId: 'm', update: second }]);
    fanout.deliver('m', second, seqSecond ?? 0);
    // The second cannot integrate without the first: a gap, filled from storage shortly.
    expect(room.watermark).toBeLessThan(seqLost ?? 0);
    await sleep(400);
    await pump(kit, room, [a]);
    expect(a.text()).toBe('second lost ');
    expect(room.watermark).toBe(seqSecond);
    expect(kit.metrics.repairs.get()).toBe(1);
    await room.unload();
  });

  it('never compacts past an update it has not received', async () => {
    const fanout = new FakeFanout();
    const kit = await newKit({}, { fanout });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    // Another relay's update is committed but has not reached this relay yet.
    await kit.storage.append([{ mapId: 'm', update: insertion('elsewhere ') }]);
    a.doc.getText('t').insert(0, 'here');
    await pump(kit, room, [a]);
    await room.compact();
    // The log still holds the other relay's update: a restart loads both.
    const reloaded = await storedDoc(kit.storage, 'm');
    expect(reloaded.getText('t').toString()).toContain('elsewhere');
    expect(reloaded.getText('t').toString()).toContain('here');
    await room.repair();
    expect(a.text()).toContain('elsewhere');
    await room.unload();
  });

  it('skips an update it already holds', async () => {
    const fanout = new FakeFanout();
    const kit = await newKit({}, { fanout });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    const update = insertion('once ');
    const [seq] = await kit.storage.append([{ mapId: 'm', update }]);
    fanout.deliver('m', update, seq ?? 0);
    fanout.deliver('m', update, seq ?? 0);
    await pump(kit, room, [a]);
    expect(a.text()).toBe('once ');
    const updates = a.received.length;
    fanout.deliver('m', update, seq ?? 0);
    expect(a.received.length).toBe(updates);
    await room.unload();
  });

  it("shares its connections' presence and passes on other relays' presence", async () => {
    const fanout = new FakeFanout();
    const kit = await newKit({}, { fanout });
    const room = await openRoom(kit);
    const a = await connect(kit, room, new TestPeer('a'));
    a.awareness.setLocalState({ user: { name: 'Ada' } });
    room.receive(a, awarenessFrame(a.awareness, [a.doc.clientID]));
    await sleep(100);
    expect(fanout.presence.length).toBeGreaterThan(0);

    const elsewhere = new awarenessProtocol.Awareness(new Y.Doc());
    elsewhere.setLocalState({ user: { name: 'Bea' } });
    fanout.deliverPresence(
      'm',
      awarenessProtocol.encodeAwarenessUpdate(elsewhere, [elsewhere.clientID]),
    );
    expect(a.awareness.getStates().get(elsewhere.clientID)).toEqual({ user: { name: 'Bea' } });
    // Not sent back to the relays it came from.
    const shared = fanout.presence.length;
    await sleep(100);
    expect(fanout.presence.length).toBe(shared);
    elsewhere.destroy();
    await room.unload();
  });
});
