import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from './Storage.ts';
import { UnknownMapError } from './Storage.ts';
import type { StorageHarness } from './storageContract.ts';
import type { StoredVersion } from './Versions.ts';
import { VersionExistsError } from './Versions.ts';

/**
 * The versions half of the storage contract (`VersionStore`): `describeStorageContract`
 * runs it for every backend, so a second backend gets versions or fails here.
 */
export function describeVersionContract(name: string, factory: () => Promise<StorageHarness>) {
  describe(`Version storage contract: ${name}`, () => {
    let h: StorageHarness;
    let storage: Storage;
    beforeEach(async () => {
      h = await factory();
      storage = h.storage;
      await storage.create({
        id: 'm',
        title: 'M',
        createdAt: 1,
        snapshot: Y.encodeStateAsUpdate(new Y.Doc()),
      });
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('saves a version and gives it back with its snapshot', async () => {
      const saved = await storage.saveVersion(version('v1', 'Draft', 100, 'hello'));
      expect(saved).toEqual({
        id: 'v1',
        mapId: 'm',
        name: 'Draft',
        createdAt: 100,
        author: 'Ada',
        auto: false,
        changes: { added: 1, removed: 0, changed: 2 },
      });
      const got = await storage.getVersion('m', 'v1');
      expect(got && { ...got, snapshot: undefined }).toEqual({ ...saved, snapshot: undefined });
      expect(textOf(got?.snapshot)).toBe('hello');
      expect(await storage.getVersion('m', 'nope')).toBeNull();
      expect(await storage.getVersion('other', 'v1')).toBeNull();
    });

    it('lists a map’s versions newest first, without snapshots', async () => {
      await storage.saveVersion(version('a', 'One', 100));
      await storage.saveVersion(version('b', 'Two', 300));
      await storage.saveVersion(version('c', 'Three', 200, 'x', true));
      const listed = await storage.listVersions('m');
      expect(listed.map((v) => [v.id, v.auto])).toEqual([
        ['b', false],
        ['c', true],
        ['a', false],
      ]);
      expect(listed.every((v) => !('snapshot' in v))).toBe(true);
      expect(await storage.listVersions('ghost')).toEqual([]);
    });

    it('refuses a version of an unknown map, and a second version under one id', async () => {
      await expect(
        storage.saveVersion({ ...version('v', 'x', 1), mapId: 'ghost' }),
      ).rejects.toBeInstanceOf(UnknownMapError);
      await storage.saveVersion(version('v', 'First', 1));
      await expect(storage.saveVersion(version('v', 'Second', 2))).rejects.toBeInstanceOf(
        VersionExistsError,
      );
      expect((await storage.getVersion('m', 'v'))?.name).toBe('First');
    });

    it('prunes the oldest automatic versions beyond a limit, never a named one', async () => {
      await storage.saveVersion(version('named-old', 'Kept', 1));
      for (let i = 0; i < 5; i++)
        await storage.saveVersion(version(`auto${i}`, 'Auto', 10 + i, '', true));
      await storage.saveVersion(version('named-new', 'Kept too', 100));
      expect(await storage.pruneAutoVersions('m', 2)).toBe(3);
      expect((await storage.listVersions('m')).map((v) => v.id)).toEqual([
        'named-new',
        'auto4',
        'auto3',
        'named-old',
      ]);
      expect(await storage.pruneAutoVersions('m', 2)).toBe(0);
    });

    it('keeps versions across a reopen, and deletes them with their map', async () => {
      await storage.saveVersion(version('v1', 'Durable', 5, 'kept'));
      storage = await h.reopen();
      expect((await storage.listVersions('m')).map((v) => v.name)).toEqual(['Durable']);
      expect(textOf((await storage.getVersion('m', 'v1'))?.snapshot)).toBe('kept');
      await storage.delete('m');
      expect(await storage.listVersions('m')).toEqual([]);
      expect(await storage.getVersion('m', 'v1')).toBeNull();
    });
  });
}

function version(
  id: string,
  name: string,
  createdAt: number,
  text = '',
  auto = false,
): StoredVersion {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return {
    id,
    mapId: 'm',
    name,
    createdAt,
    author: 'Ada',
    auto,
    changes: { added: 1, removed: 0, changed: 2 },
    snapshot: Y.encodeStateAsUpdate(doc),
  };
}

function textOf(snapshot: Uint8Array | undefined): string {
  if (!snapshot) throw new Error('no snapshot');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  return doc.getText('t').toString();
}
