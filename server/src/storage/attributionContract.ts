import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuthorStamp } from './Attribution.ts';
import type { Storage } from './Storage.ts';
import { UnknownMapError } from './Storage.ts';
import type { StorageHarness } from './storageContract.ts';

/**
 * The attribution half of the storage contract (`AttributionStore`): `describeStorageContract`
 * runs it for every backend, so a second backend records authors or fails here.
 */
export function describeAttributionContract(name: string, factory: () => Promise<StorageHarness>) {
  describe(`Attribution storage contract: ${name}`, () => {
    let h: StorageHarness;
    let storage: Storage;
    beforeEach(async () => {
      h = await factory();
      storage = h.storage;
      for (const id of ['m', 'n']) {
        await storage.create({
          id,
          title: id,
          createdAt: 1,
          snapshot: Y.encodeStateAsUpdate(new Y.Doc()),
        });
      }
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('records the authors of appended updates in the same commit, and keeps them across a restart', async () => {
      await storage.append([
        { mapId: 'm', update: update(), authors: stamp('link:ada', [11, 12], 100, 'editor') },
        { mapId: 'n', update: update(), authors: stamp('anonymous', [11], 150, 'commenter') },
        { mapId: 'm', update: update() },
      ]);
      const reopened = await h.reopen();
      expect(await reopened.authorsOf('m')).toEqual([
        row(11, 'link:ada', 100, 100, 1, 'editor'),
        row(12, 'link:ada', 100, 100, 1, 'editor'),
      ]);
      expect(await reopened.authorsOf('n')).toEqual([
        row(11, 'anonymous', 150, 150, 1, 'commenter'),
      ]);
      expect(await reopened.authorsOf('ghost')).toEqual([]);
    });

    it('gives a client id to the first author who commits it, whoever commits it later', async () => {
      await storage.append([
        { mapId: 'm', update: update(), authors: stamp('link:ada', [7], 100) },
      ]);
      await storage.append([
        { mapId: 'm', update: update(), authors: stamp('link:bob', [7, 8], 200) },
        { mapId: 'm', update: update(), authors: stamp('link:ada', [7], 300) },
      ]);
      await storage.append([
        { mapId: 'm', update: update(), authors: stamp('link:ada', [8], 400) },
      ]);
      expect(await storage.authorsOf('m')).toEqual([
        row(7, 'link:ada', 100, 300, 2),
        row(8, 'link:bob', 200, 200, 1),
      ]);
    });

    it('records nothing when the append fails', async () => {
      await expect(
        storage.append([
          { mapId: 'm', update: update(), authors: stamp('link:ada', [1], 1) },
          { mapId: 'ghost', update: update() },
        ]),
      ).rejects.toBeInstanceOf(UnknownMapError);
      expect(await storage.authorsOf('m')).toEqual([]);
    });

    it('records authors outside a commit (the relay’s own maps), with the same first-author rule', async () => {
      await storage.recordAuthors('m', [stamp('relay', [5], 10, null)]);
      await storage.recordAuthors('m', [stamp('link:ada', [5, 6], 20)]);
      expect(await storage.authorsOf('m')).toEqual([
        row(5, 'relay', 10, 10, 1, null),
        row(6, 'link:ada', 20, 20, 1),
      ]);
      await expect(storage.recordAuthors('ghost', [stamp('relay', [1], 1)])).rejects.toBeInstanceOf(
        UnknownMapError,
      );
    });

    it('keeps the record through compaction and drops it with the map', async () => {
      await storage.append([{ mapId: 'm', update: update(), authors: stamp('link:ada', [3], 1) }]);
      const stored = await storage.load('m');
      await storage.compact('m', stored?.snapshot ?? new Uint8Array(), stored?.lastSeq ?? 0);
      expect(await storage.authorsOf('m')).toEqual([row(3, 'link:ada', 1, 1, 1)]);
      await storage.delete('m');
      expect(await storage.authorsOf('m')).toEqual([]);
      await storage.create({
        id: 'm',
        title: 'again',
        createdAt: 2,
        snapshot: Y.encodeStateAsUpdate(new Y.Doc()),
      });
      expect(await storage.authorsOf('m')).toEqual([]);
    });
  });
}

function stamp(
  author: AuthorStamp['author'],
  clients: number[],
  at: number,
  role: string | null = 'editor',
): AuthorStamp {
  return { author, role, clients, at };
}

function row(
  clientId: number,
  author: AuthorStamp['author'],
  firstSeen: number,
  lastSeen: number,
  updates: number,
  role: string | null = 'editor',
) {
  return { clientId, author, role, firstSeen, lastSeen, updates };
}

function update(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'x');
  return Y.encodeStateAsUpdate(doc);
}
