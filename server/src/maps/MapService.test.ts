import { addClaim, createMap, formats, readMeta } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomManager } from '../rooms/RoomManager.ts';
import { newKit } from '../rooms/testkit.ts';
import { MapService } from './MapService.ts';
import { sharedModel } from './sharedModel.ts';

async function newService() {
  const kit = await newKit();
  kit.deps.model = sharedModel;
  const rooms = new RoomManager(kit.deps, { unloadAfterMs: 60_000 });
  return { kit, rooms, maps: new MapService(kit.storage, rooms, sharedModel) };
}

describe('MapService', () => {
  it('describes a map that is not loaded from storage alone, without loading it', async () => {
    const { rooms, maps } = await newService();
    const meta = await maps.create('Seminar');
    const described = await maps.describe(meta.id);
    expect(described).toEqual({
      meta: { title: 'Seminar', schemaVersion: sharedModel.schemaVersion },
      stats: { claims: 0, relations: 0, sources: 0, passages: 0, evidence: 0 },
    });
    expect(rooms.loadedCount).toBe(0);
    expect(await maps.describe('missing')).toBeNull();
    await rooms.close();
  });

  it('loads a map whose log outran its summary once, and stores a current one', async () => {
    const { kit, rooms, maps } = await newService();
    const meta = await maps.create('Seminar');
    // A log entry past the snapshot, as a crash before compaction leaves it.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await kit.storage.load(meta.id))?.snapshot ?? new Uint8Array());
    const sv = Y.encodeStateVector(doc);
    addClaim(doc, { text: 'NATO deters aggression' });
    await kit.storage.append([{ mapId: meta.id, update: Y.encodeStateAsUpdate(doc, sv) }]);
    expect((await maps.describe(meta.id))?.stats.claims).toBe(1);
    expect((await kit.storage.meta(meta.id))?.summary?.stats.claims).toBe(1);
    await rooms.close();
  });

  it('imports under the title it is given, and stores nothing for a title the model refuses', async () => {
    const { kit, rooms, maps } = await newService();
    // Warrant JSON, whose importer is already loaded: the title rule is MapService's, the same
    // for every format, and Argdown's parser (seconds to load on a busy machine, once per
    // process) is the relay API tests' to cover.
    const file = new Y.Doc();
    createMap(file, { title: 'Collective security' });
    addClaim(file, { text: 'NATO is a collective security mechanism.' });
    const text = formats.json.export(file);
    const { meta } = await maps.import(text, formats.json, { title: 'Seminar notes' });
    expect(meta.title).toBe('Seminar notes');
    expect(await maps.read(meta.id, (doc) => readMeta(doc).title)).toBe('Seminar notes');
    await expect(maps.import(text, formats.json, { title: '  ' })).rejects.toThrow(/title/);
    expect(await kit.storage.list()).toHaveLength(1);
    await rooms.close();
  });
});
