import { addClaim, createMap, openMap, SCHEMA_VERSION } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { watchOutdatedCopy } from './outdatedCopy.ts';
import { Value } from '../state/Value.ts';

/** A device copy from before schema versions: claims written, no version stamped. */
function unversionedCopy(): Y.Doc {
  const doc = new Y.Doc();
  addClaim(doc, { text: 'written long ago' });
  return doc;
}

describe('a copy from this device written by an older schema', () => {
  it('is shown as it is, not migrated, and offers no editing', () => {
    const doc = unversionedCopy();
    const before = Y.encodeStateVector(doc);
    const outdated = new Value(false);
    watchOutdatedCopy(doc, outdated);
    expect(outdated.get()).toBe(true);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('becomes editable once the relay’s migrated map arrives', () => {
    const device = unversionedCopy();
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(device));
    expect(openMap(relay)).toEqual({ migratedFrom: 0 });

    const outdated = new Value(false);
    watchOutdatedCopy(device, outdated);
    // An unrelated remote edit from a peer on the old copy changes nothing.
    Y.applyUpdate(device, Y.encodeStateAsUpdate(unversionedCopy()));
    expect(outdated.get()).toBe(true);
    Y.applyUpdate(device, Y.encodeStateAsUpdate(relay, Y.encodeStateVector(device)));
    expect(outdated.get()).toBe(false);
  });

  it('leaves a current map editable and refuses a newer one', () => {
    const current = new Y.Doc();
    createMap(current, { title: 'Now' });
    const outdated = new Value(true);
    watchOutdatedCopy(current, outdated);
    expect(outdated.get()).toBe(false);

    const newer = new Y.Doc();
    createMap(newer, { title: 'Later' });
    const future = new Y.Doc();
    Y.applyUpdate(future, Y.encodeStateAsUpdate(newer));
    openMap(
      future,
      [
        {
          id: 'x/2',
          from: SCHEMA_VERSION,
          to: SCHEMA_VERSION + 1,
          title: 't',
          description: 'd',
          apply: () => {},
        },
      ],
      SCHEMA_VERSION + 1,
    );
    expect(() => watchOutdatedCopy(future, new Value(false))).toThrow(/newer version of Warrant/);
  });
});
