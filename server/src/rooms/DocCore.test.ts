import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocCore, SLICE_EMITTED_BYTES } from './DocCore.ts';
import type { MapModel } from './MapModel.ts';

const empty = { snapshot: Y.encodeStateAsUpdate(new Y.Doc()), updates: [] };

/** A model that stamps a schema version on open, so opening emits a migration. */
const versioned: MapModel = {
  id: 'versioned',
  schemaVersion: 2,
  open: (doc) => {
    if (doc.getMap('meta').get('v') !== 2) doc.getMap('meta').set('v', 2);
  },
  title: (doc) => doc.getMap('meta').get('title') as string | undefined,
  summary: (doc) => ({ schemaVersion: 2, stats: { entries: doc.getMap('m').size } }),
};

/** An update from a fresh client adding `n` entries of ~100 characters. */
function edit(n: number, from = 0): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = from; i < from + n; i++) doc.getMap('m').set(`k${i}`, `${i} `.repeat(30));
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('DocCore', () => {
  it('opens a stored map, migrating it, and reports what the migration emitted', () => {
    const { core, state, emitted, skipped } = DocCore.open(empty, versioned);
    expect(skipped).toEqual([]);
    expect(emitted).toHaveLength(1);
    expect(state).toEqual(emitted[0]?.afterState);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, emitted[0]?.update ?? new Uint8Array());
    expect(copy.getMap('meta').get('v')).toBe(2);
    core.destroy();
  });

  it('applies a client update and answers with what it emitted, its clients and the new state', () => {
    const { core } = DocCore.open(empty, undefined);
    const update = edit(3);
    const applied = core.apply(update, 'client');
    if (applied.kind !== 'applied') throw new Error(applied.kind);
    expect(applied.emitted).toHaveLength(1);
    expect(applied.clients).toHaveLength(1);
    expect(applied.emitted[0]?.moved).toEqual(applied.clients);
    expect(applied.emitted[0]?.afterState).toEqual(core.state());
    expect(applied.echo).toBe(false);
    // Applied again, it adds nothing and emits nothing.
    const again = core.apply(update, 'client');
    expect(again.kind === 'applied' && again.emitted).toEqual([]);
    expect(core.addsNothing(update)).toBe(true);
    expect(core.addsNothing(edit(1, 10))).toBe(false);
  });

  it('refuses a malformed client update without applying it', () => {
    const { core } = DocCore.open(empty, undefined);
    // A delete range of length zero: decodes, but no Yjs client writes it.
    const applied = core.apply(Uint8Array.from([0, 1, 7, 1, 0, 0]), 'client');
    expect(applied.kind).toBe('malformed');
    expect(core.apply(Uint8Array.from([5, 200]), 'client').kind).toBe('malformed');
    expect(core.state().size).toBe(0);
  });

  it(
    'cuts a big emitted update into slices that rebuild it, each with the state it reaches',
    { timeout: 30_000 },
    () => {
      const { core } = DocCore.open(empty, undefined);
      const update = edit(3000);
      expect(update.byteLength).toBeGreaterThan(SLICE_EMITTED_BYTES);
      const applied = core.apply(update, 'client');
      if (applied.kind !== 'applied') throw new Error(applied.kind);
      expect(applied.emitted.length).toBeGreaterThan(2);
      const replica = new Y.Doc();
      let clock = 0;
      for (const e of applied.emitted) {
        expect(e.update.byteLength).toBeLessThan(SLICE_EMITTED_BYTES);
        Y.applyUpdate(replica, e.update);
        // Each slice is whole on its own: the replica is exactly at the state it announces.
        expect(Y.decodeStateVector(Y.encodeStateVector(replica))).toEqual(e.afterState);
        const now = [...e.afterState.values()].reduce((a, b) => a + b, 0);
        expect(now).toBeGreaterThanOrEqual(clock);
        clock = now;
      }
      expect(applied.emitted.at(-1)?.afterState).toEqual(core.state());
      expect(replica.getMap('m').toJSON()).toEqual(
        (() => {
          const d = new Y.Doc();
          Y.applyUpdate(d, update);
          return d.getMap('m').toJSON();
        })(),
      );
    },
  );

  it('answers a sync step 2, a compaction snapshot, the title and the summary', () => {
    const { core } = DocCore.open(empty, versioned);
    core.apply(edit(5), 'client');
    const client = new Y.Doc();
    Y.applyUpdate(client, core.diff(Y.encodeStateVector(client)));
    expect(client.getMap('m').size).toBe(5);
    const compacted = core.compact(versioned);
    expect(compacted.summary).toEqual({ schemaVersion: 2, stats: { entries: 5 } });
    expect(compacted.title).toBeUndefined();
    expect(core.summary(versioned)).toEqual(compacted.summary);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, compacted.snapshot);
    expect(rebuilt.getMap('m').size).toBe(5);
  });
});
