import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, newKit, openRoom, pump, TestPeer, updateFrame } from './testkit.ts';

describe('the room records who is behind each committed update', () => {
  it('stamps a connection’s client id with its link and role, and a public one as anonymous', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const ada = await connect(kit, room, new TestPeer('ada', false, 'editor', 'link-ada'));
    const anon = await connect(kit, room, new TestPeer('anon', false, 'editor', null));
    ada.doc.getText('t').insert(0, 'hello');
    anon.doc.getText('t').insert(0, 'hi ');
    await pump(kit, room, [ada, anon]);
    await room.whenCommitted();
    const rows = await kit.storage.authorsOf('m');
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.clientId === ada.doc.clientID)).toMatchObject({
      author: 'link:link-ada',
      role: 'editor',
      updates: 1,
    });
    expect(rows.find((r) => r.clientId === anon.doc.clientID)).toMatchObject({
      author: 'anonymous',
      role: 'editor',
    });
  });

  it('stamps the relay’s own writes to the doc as the relay’s', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const relayDoc = new Y.Doc();
    relayDoc.getText('t').insert(0, 'restored');
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(relayDoc), Symbol('restore'));
    await room.whenCommitted();
    expect(await kit.storage.authorsOf('m')).toEqual([
      expect.objectContaining({ clientId: relayDoc.clientID, author: 'relay', role: null }),
    ]);
  });

  it('does not credit a connection with someone else’s structs its update happened to complete', async () => {
    const kit = await newKit();
    const room = await openRoom(kit);
    const ada = await connect(kit, room, new TestPeer('ada', false, 'editor', 'link-ada'));
    const bob = await connect(kit, room, new TestPeer('bob', false, 'editor', 'link-bob'));
    // Someone writes; someone else builds on it. Ada's connection relays the second edit
    // first: it waits, pending, for the first.
    const first = new Y.Doc();
    first.getText('t').insert(0, 'first');
    const builds = new Y.Doc();
    Y.applyUpdate(builds, Y.encodeStateAsUpdate(first));
    const sv = Y.encodeStateVector(builds);
    builds.getText('t').insert(5, ' second');
    room.receive(ada, updateFrame(Y.encodeStateAsUpdate(builds, sv)));
    // Bob's update carries the first edit (he had it) and completes the second.
    const bobs = new Y.Doc();
    Y.applyUpdate(bobs, Y.encodeStateAsUpdate(first));
    bobs.getText('mine').insert(0, 'bob');
    room.receive(bob, updateFrame(Y.encodeStateAsUpdate(bobs)));
    await room.whenCommitted();
    expect(room.doc.getText('t').toString()).toBe('first second');
    const rows = new Map((await kit.storage.authorsOf('m')).map((r) => [r.clientId, r.author]));
    // What Bob's update carried is his; the edit it completed is nobody's: Bob did not send
    // it, and Ada's connection never had it committed.
    expect(rows.get(bobs.clientID)).toBe('link:link-bob');
    expect(rows.get(first.clientID)).toBe('link:link-bob');
    expect(rows.has(builds.clientID)).toBe(false);
    expect(rows.size).toBe(2);
  });
});
