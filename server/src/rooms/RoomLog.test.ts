import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendEntry, Storage } from '../storage/Storage.ts';
import { SqliteStorage } from '../storage/sqlite/SqliteStorage.ts';
import { CloseCodes } from '../protocol/constants.ts';
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
import { loadStoredMap, rebuildDoc } from './RoomLog.ts';

describe('Room log: commit before broadcast, compaction, recovery on load', () => {
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

  it('rebuilds a doc from snapshot and log, reporting each entry it has to skip', () => {
    const seed = new Y.Doc();
    seed.getText('s').insert(0, 'snapshot');
    const entry = (name: string) => {
      const doc = new Y.Doc();
      doc.getText(name).insert(0, name);
      return Y.encodeStateAsUpdate(doc);
    };
    const damaged = Buffer.from('01010500010101740000', 'hex');
    const skipped: number[] = [];
    const doc = rebuildDoc(
      { snapshot: Y.encodeStateAsUpdate(seed), updates: [entry('one'), damaged, entry('two')] },
      (index) => skipped.push(index),
    );
    expect(skipped).toEqual([1]);
    expect(['s', 'one', 'two'].map((k) => doc.getText(k).toString())).toEqual([
      'snapshot',
      'one',
      'two',
    ]);
  });

  it('loads through one loader that counts skipped entries, and null for an unknown map', async () => {
    const kit = await newKit();
    expect(await loadStoredMap('nope', kit.deps)).toBeNull();
    await createStoredMap(kit.storage, 'm');
    await kit.storage.append([{ mapId: 'm', update: Buffer.from('01010500010101740000', 'hex') }]);
    const loaded = await loadStoredMap('m', kit.deps);
    expect(loaded?.stored.updates).toHaveLength(1);
    expect(kit.metrics.rejected.get({ reason: 'UnloadableLogEntry' })).toBe(1);
    loaded?.doc.destroy();
  });
});
