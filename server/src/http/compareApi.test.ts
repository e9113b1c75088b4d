import {
  addClaim,
  connect,
  copiesComparisonResponseSchema,
  createMap,
  exportMap,
  importMap,
  removeClaim,
} from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapService } from '../maps/MapService.ts';
import { sharedModel } from '../maps/sharedModel.ts';
import { RoomManager } from '../rooms/RoomManager.ts';
import { newKit } from '../rooms/testkit.ts';
import { compareWithCopies } from './compareApi.ts';

describe('compareWithCopies', () => {
  it('compares stored copies with a stored reference and says which copies miss what', async () => {
    const kit = await newKit();
    kit.deps.model = sharedModel;
    const rooms = new RoomManager(kit.deps, { unloadAfterMs: 60_000 });
    const maps = new MapService(kit.storage, rooms, sharedModel);
    const model = new Y.Doc();
    createMap(model, { title: 'Reference' });
    const root = addClaim(model, { text: 'Article 51 makes NATO a defensive alliance' });
    const rebuttal = addClaim(model, { text: 'NATO has acted far beyond its members’ defence' });
    connect(model, { kind: 'rebut', premises: [rebuttal], target: { claim: root } });
    const json = exportMap(model);
    const reference = (await maps.import(json)).meta.id;
    const whole = (await maps.import(json)).meta.id;
    const { doc: partial } = importMap(json);
    removeClaim(partial, rebuttal);
    const missing = (await maps.import(exportMap(partial))).meta.id;

    const result = await compareWithCopies(maps, reference, [whole, missing, 'AAAAAAAAAAAAAAAA']);
    expect(copiesComparisonResponseSchema.parse(result)).toEqual(result);
    expect(result?.copies).toBe(2);
    expect(result?.perCopy.map((c) => [c.id, c.score.overall])).toEqual([
      [whole, 1],
      [missing, expect.any(Number)],
    ]);
    expect(result?.claims.find((c) => c.id === rebuttal)?.missedBy).toEqual([missing]);
    expect(result?.relations[0]?.missedBy).toEqual([missing]);
    expect(await compareWithCopies(maps, 'AAAAAAAAAAAAAAAA', [whole])).toBeNull();
    await rooms.close();
  });
});
