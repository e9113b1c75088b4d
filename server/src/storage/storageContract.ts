import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage, StoredMap } from './Storage.ts';
import { MapExistsError, UnknownMapError } from './Storage.ts';
import { describeAttributionContract } from './attributionContract.ts';
import { describeVersionContract } from './versionContract.ts';

/** What a backend's test hands the contract suite. */
export interface StorageHarness {
  storage: Storage;
  /** Closes `storage` and opens the same data again, as a restarted process would. */
  reopen(): Promise<Storage>;
  /** Removes everything the harness created. */
  cleanup(): Promise<void>;
}

/**
 * The one contract every storage backend passes. A backend's own test file calls this with
 * a factory; nothing here knows which technology is underneath.
 */
export function describeStorageContract(name: string, factory: () => Promise<StorageHarness>) {
  describeVersionContract(name, factory);
  describeAttributionContract(name, factory);
  describe(`Storage contract: ${name}`, () => {
    let h: StorageHarness;
    let storage: Storage;
    beforeEach(async () => {
      h = await factory();
      storage = h.storage;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('creates a map and reports its metadata', async () => {
      const meta = await storage.create(newMap('a', 'First', 1000));
      expect(meta).toEqual({ id: 'a', title: 'First', createdAt: 1000, updatedAt: 1000 });
      expect(await storage.meta('a')).toEqual(meta);
      expect(await storage.meta('missing')).toBeNull();
      expect(await storage.load('missing')).toBeNull();
    });

    it('refuses to create a map whose id is taken, keeping the original', async () => {
      await storage.create(newMap('a', 'First', 1000));
      await expect(storage.create(newMap('a', 'Second', 2000))).rejects.toBeInstanceOf(
        MapExistsError,
      );
      expect((await storage.meta('a'))?.title).toBe('First');
    });

    it('lists maps, most recently updated first', async () => {
      await storage.create(newMap('old', 'Old', 1000));
      await storage.create(newMap('new', 'New', 2000));
      expect((await storage.list()).map((m) => m.id)).toEqual(['new', 'old']);
      await storage.append([{ mapId: 'old', update: edit('x') }]);
      expect((await storage.list()).map((m) => m.id)).toEqual(['old', 'new']);
    });

    it('appends updates in order and loads snapshot plus log back into the same document', async () => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'snap');
      await storage.create({ ...newMap('a', 'A', 1), snapshot: Y.encodeStateAsUpdate(doc) });
      const updates = captureUpdates(doc, () => {
        doc.getText('t').insert(4, ' one');
        doc.getText('t').insert(8, ' two');
      });
      const seqs = await storage.append(updates.map((update) => ({ mapId: 'a', update })));
      expect(seqs).toHaveLength(2);
      expect(seqs[1]).toBeGreaterThan(seqs[0] ?? Infinity);
      const stored = await storage.load('a');
      expect(stored?.updates).toHaveLength(2);
      expect(stored?.lastSeq).toBe(seqs[1]);
      expect(stored?.updateBytes).toBe(updates.reduce((n, u) => n + u.byteLength, 0));
      expect(rebuild(stored).getText('t').toString()).toBe('snap one two');
    });

    it('commits a batch for several maps atomically, and none of it if one map is unknown', async () => {
      await storage.create(newMap('a', 'A', 1));
      await storage.create(newMap('b', 'B', 1));
      await storage.append([
        { mapId: 'a', update: edit('a1') },
        { mapId: 'b', update: edit('b1') },
      ]);
      await expect(
        storage.append([
          { mapId: 'a', update: edit('a2') },
          { mapId: 'ghost', update: edit('g') },
        ]),
      ).rejects.toBeInstanceOf(UnknownMapError);
      expect((await storage.load('a'))?.updates).toHaveLength(1);
      expect((await storage.load('b'))?.updates).toHaveLength(1);
    });

    it('keeps committed updates across a reopen', async () => {
      await storage.create(newMap('a', 'A', 1));
      await storage.append([{ mapId: 'a', update: edit('durable') }]);
      storage = await h.reopen();
      expect(
        rebuild(await storage.load('a'))
          .getText('t')
          .toString(),
      ).toBe('durable');
    });

    it('compacts into a snapshot without losing updates committed during compaction', async () => {
      await storage.create(newMap('a', 'A', 1));
      const doc = new Y.Doc();
      const [u1, u2] = pair(
        captureUpdates(doc, () => {
          doc.getText('t').insert(0, 'one');
          doc.getText('t').insert(3, ' two');
        }),
      );
      const [s1] = await storage.append([{ mapId: 'a', update: u1 }]);
      // The room encodes its snapshot here; meanwhile another update commits.
      const snapshotAtS1 = Y.encodeStateAsUpdate(rebuild(await storage.load('a')));
      await storage.append([{ mapId: 'a', update: u2 }]);
      await storage.compact('a', snapshotAtS1, s1 ?? -1, 'Renamed');
      const stored = await storage.load('a');
      expect(stored?.updates).toHaveLength(1);
      expect(rebuild(stored).getText('t').toString()).toBe('one two');
      expect((await storage.meta('a'))?.title).toBe('Renamed');
    });

    it('ignores a compaction older than the stored snapshot', async () => {
      await storage.create(newMap('a', 'A', 1));
      const doc = new Y.Doc();
      const [u1, u2] = pair(
        captureUpdates(doc, () => {
          doc.getText('t').insert(0, 'one');
          doc.getText('t').insert(3, ' two');
        }),
      );
      const [s1, s2] = pair(
        await storage.append([
          { mapId: 'a', update: u1 },
          { mapId: 'a', update: u2 },
        ]),
      );
      const staleDoc = new Y.Doc();
      Y.applyUpdate(staleDoc, u1);
      await storage.compact('a', Y.encodeStateAsUpdate(doc), s2);
      await storage.compact('a', Y.encodeStateAsUpdate(staleDoc), s1);
      expect(
        rebuild(await storage.load('a'))
          .getText('t')
          .toString(),
      ).toBe('one two');
    });

    it('keeps the summary a map was created with until the next append', async () => {
      const summary = { schemaVersion: 3, stats: { claims: 2, sources: 1 } };
      const created = await storage.create({ ...newMap('a', 'A', 1), summary });
      expect(created.summary).toEqual(summary);
      expect((await storage.meta('a'))?.summary).toEqual(summary);
      expect((await storage.list())[0]?.summary).toEqual(summary);
      await storage.append([{ mapId: 'a', update: edit('x') }]);
      expect((await storage.meta('a'))?.summary).toBeUndefined();
    });

    it('keeps a compaction’s summary only if no log entry is left after its snapshot', async () => {
      await storage.create(newMap('a', 'A', 1));
      const summary = { schemaVersion: 3, stats: { claims: 1 } };
      const [s1] = await storage.append([{ mapId: 'a', update: edit('one') }]);
      const [s2] = await storage.append([{ mapId: 'a', update: edit('two') }]);
      await storage.compact('a', edit('one'), s1 ?? -1, 'A', summary);
      expect((await storage.meta('a'))?.summary).toBeUndefined();
      await storage.compact('a', edit('onetwo'), s2 ?? -1, 'A', summary);
      expect((await storage.meta('a'))?.summary).toEqual(summary);
      await storage.compact('a', edit('onetwo'), s2 ?? -1, 'A');
      expect((await storage.meta('a'))?.summary).toBeUndefined();
    });

    it('refuses to compact an unknown map', async () => {
      await expect(storage.compact('ghost', edit('x'), 1)).rejects.toBeInstanceOf(UnknownMapError);
    });

    it('probes with a write that touches no map', async () => {
      await storage.create(newMap('a', 'A', 1));
      await storage.probe();
      await storage.probe();
      expect((await storage.list()).map((m) => m.id)).toEqual(['a']);
      expect((await storage.load('a'))?.updates).toEqual([]);
    });

    it('deletes a map and its log, leaving others alone', async () => {
      await storage.create(newMap('a', 'A', 1));
      await storage.create(newMap('b', 'B', 1));
      await storage.append([{ mapId: 'a', update: edit('x') }]);
      expect(await storage.delete('a')).toBe(true);
      expect(await storage.delete('a')).toBe(false);
      expect(await storage.load('a')).toBeNull();
      expect((await storage.list()).map((m) => m.id)).toEqual(['b']);
    });
  });
}

function pair<T>(items: T[]): [T, T] {
  const [a, b] = items;
  if (a === undefined || b === undefined)
    throw new Error(`expected two items, got ${items.length}`);
  return [a, b];
}

function newMap(id: string, title: string, createdAt: number) {
  return { id, title, createdAt, snapshot: Y.encodeStateAsUpdate(new Y.Doc()) };
}

/** An update inserting `text` into a fresh document's text 't'. */
function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function captureUpdates(doc: Y.Doc, fn: () => void): Uint8Array[] {
  const out: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => out.push(u);
  doc.on('update', onUpdate);
  fn();
  doc.off('update', onUpdate);
  return out;
}

function rebuild(stored: StoredMap | null | undefined): Y.Doc {
  if (!stored) throw new Error('map not stored');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}
