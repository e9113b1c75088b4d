import {
  addClaim,
  addPremise,
  claimFragment,
  connect,
  createMap,
  disconnect,
  hasClaim,
  listClaims,
  listRelations,
  modelTypes,
  removeClaim,
  rootClaims,
  setClaimText,
  setTitle,
} from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapStore } from './MapStore.ts';

function setup() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'T' });
  const store = new MapStore(doc);
  store.refresh();
  return { doc, store };
}

describe('MapStore', () => {
  it('publishes a new structure when a claim or relation is added', () => {
    const { doc, store } = setup();
    let calls = 0;
    store.subscribeStructure(() => calls++);
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    connect(doc, { kind: 'rebut', premises: [b], target: { claim: a } });
    const s = store.getStructure();
    expect(s.claims).toEqual([a, b]);
    expect(s.relations.map((r) => r.kind)).toEqual(['rebut']);
    expect([...s.roots]).toEqual([a]);
    expect(calls).toBe(3);
  });

  it('does not touch the structure when someone types, but tells that claim’s viewers', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'before' });
    const structure = store.getStructure();
    let seen = 0;
    store.subscribeClaim(a, () => seen++);
    const fragment = claimFragment(doc, a)!;
    const paragraph = fragment.get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(6, ' typing');
    expect(store.getStructure()).toBe(structure);
    expect(seen).toBe(1);
    expect(JSON.stringify(store.getClaimContent(a))).toContain('before typing');
  });

  it('keeps serving a claim’s text from cache until it changes', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'x' });
    store.subscribeClaim(a, () => undefined);
    const first = store.getClaimContent(a);
    expect(store.getClaimContent(a)).toBe(first);
    setClaimText(doc, a, 'y');
    expect(store.getClaimContent(a)).not.toBe(first);
  });

  it('keeps every unchanged relation object, and the claims array, when a reason is added', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    const c = addClaim(doc, { text: 'c' });
    connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
    const before = store.getStructure();
    const added = connect(doc, { kind: 'rebut', premises: [c], target: { claim: a } });
    const after = store.getStructure();
    expect(after).not.toBe(before);
    expect(after.claims).toBe(before.claims);
    expect(after.relations[0]).toBe(before.relations[0]);
    expect(after.relations.map((r) => r.id)).toEqual([before.relations[0]!.id, added]);
    expect([...after.roots]).toEqual([a]);
  });

  it('keeps the relations array when only a claim is added, and adds it to the roots', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
    const before = store.getStructure();
    const c = addClaim(doc, { text: 'c' });
    const after = store.getStructure();
    expect(after.relations).toBe(before.relations);
    expect(after.claims).toEqual([a, b, c]);
    // A lone new claim is a root (without re-reading every relation: see `MapStore.lone`).
    expect([...after.roots].sort()).toEqual([a, c].sort());
    expect([...after.roots].sort()).toEqual(rootClaims(doc).sort());
  });

  it('replaces only the relation that changed', () => {
    const { doc, store } = setup();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((text) => addClaim(doc, { text }));
    const first = connect(doc, { kind: 'support', premises: [b!], target: { claim: a! } });
    connect(doc, { kind: 'support', premises: [c!], target: { claim: a! } });
    const before = store.getStructure().relations;
    addPremise(doc, first, d!);
    const after = store.getStructure().relations;
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]!.premises).toEqual([b, d]);
    expect(after[1]).toBe(before[1]);
  });

  it('does not publish when nothing it shows changed', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'a' });
    const structure = store.getStructure();
    setClaimText(doc, a, 'b');
    doc.getMap('elsewhere').set('k', 1);
    expect(store.getStructure()).toBe(structure);
    setTitle(doc, 'Renamed');
    expect(store.getStructure().title).toBe('Renamed');
    expect(store.getStructure().claims).toBe(structure.claims);
  });

  it('matches a full rebuild after removals, undo and a relation left dead by a remote removal', () => {
    const { doc, store } = setup();
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(doc), { trackedOrigins: new Set([me]) });
    const [a, b, c] = ['a', 'b', 'c'].map((text) => addClaim(doc, { text }));
    connect(doc, { kind: 'support', premises: [b!], target: { claim: a! } });
    doc.transact(() => removeClaim(doc, b!), me);
    undo.undo();
    // Someone else, unaware of the removal, makes c a reason for b while b is removed here.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    connect(remote, { kind: 'rebut', premises: [c!], target: { claim: b! } });
    doc.transact(() => removeClaim(doc, b!), me);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'remote');
    const incremental = store.getStructure();
    expect(incremental.claims).toEqual(listClaims(doc).map((x) => x.id));
    expect(incremental.relations).toEqual(listRelations(doc));
    expect([...incremental.roots].sort()).toEqual(rootClaims(doc).sort());
    undo.undo();
    const back = store.getStructure();
    expect(back.claims).toEqual(listClaims(doc).map((x) => x.id));
    expect(back.relations).toEqual(listRelations(doc));
    expect(back.relations.some((r) => r.premises.includes(c!))).toBe(true);
    expect([...back.roots].sort()).toEqual(rootClaims(doc).sort());
  });

  it('revives a reason aimed at a claim brought back by undo, when nothing else changed', () => {
    const { doc, store } = setup();
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(doc), { trackedOrigins: new Set([me]) });
    const [a, c] = ['a', 'c'].map((text) => addClaim(doc, { text }));
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    // Someone else rebuts a while it is removed here: their reason waits, dead, for a.
    doc.transact(() => removeClaim(doc, a!), me);
    connect(remote, { kind: 'rebut', premises: [c!], target: { claim: a! } });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'remote');
    expect(store.getStructure().relations).toEqual([]);
    undo.undo(); // a comes back, and nothing else changes
    const back = store.getStructure();
    expect(back.relations).toHaveLength(1);
    expect(back.relations).toEqual(listRelations(doc));
    expect([...back.roots].sort()).toEqual(rootClaims(doc).sort());
    expect(back.roots.has(c!)).toBe(false);
  });

  it('builds the pro/con forest once per structure, for every root in creation order', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    const lone = addClaim(doc, { text: 'lone' });
    const r = connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
    const forest = store.getForest();
    expect(store.getForest()).toBe(forest);
    expect(forest).toEqual([
      {
        claim: a,
        reasons: [
          { relation: r, kind: 'support', premises: [{ claim: b, reasons: [] }], undercuts: [] },
        ],
      },
      { claim: lone, reasons: [] },
    ]);
    setClaimText(doc, b, 'typing changes no tree');
    expect(store.getForest()).toBe(forest);
    addClaim(doc, { text: 'another root' });
    expect(store.getForest()).not.toBe(forest);
    expect(store.getForest()).toHaveLength(3);
  });

  it('puts claims on a cycle that no root reaches in the forest', () => {
    const { doc, store } = setup();
    const root = addClaim(doc, { text: 'root' });
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    connect(doc, { kind: 'support', premises: [a], target: { claim: b } });
    connect(doc, { kind: 'support', premises: [b], target: { claim: a } });
    expect(store.getForest().map((t) => t.claim)).toEqual([root, a]);
    expect(store.getForest()[1]?.reasons[0]?.premises[0]?.claim).toBe(b);
  });

  it('agrees with a full read of the map after random concurrent edits on two replicas', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
    const a = new Y.Doc();
    createMap(a, { title: 'T' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const store = new MapStore(a);
    store.refresh();
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(a), { trackedOrigins: new Set([me]) });
    const sync = () => {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
    };
    for (let step = 0; step < 250; step++) {
      const doc = random() < 0.5 ? a : b;
      const claims = listClaims(doc).map((c) => c.id);
      const relations = listRelations(doc);
      const roll = random();
      doc.transact(
        () => {
          if (roll < 0.3 || claims.length < 3) addClaim(doc, { text: `c${step}` });
          else if (roll < 0.55) {
            const [premise, target] = [pick(claims), pick(claims)];
            if (premise && target && premise !== target) {
              connect(doc, {
                kind: random() < 0.5 ? 'support' : 'rebut',
                premises: [premise],
                target: { claim: target },
              });
            }
          } else if (roll < 0.65) {
            const r = pick(relations);
            if (r)
              connect(doc, {
                kind: 'rebut',
                premises: [pick(claims)!],
                target: { relation: r.id },
              });
          } else if (roll < 0.75) {
            const r = pick(relations);
            const extra = pick(claims);
            if (r && extra && !('claim' in r.target && r.target.claim === extra)) {
              addPremise(doc, r.id, extra);
            }
          } else if (roll < 0.85) {
            const c = pick(claims);
            if (c && hasClaim(doc, c)) removeClaim(doc, c);
          } else if (roll < 0.92) {
            const r = pick(relations);
            if (r) disconnect(doc, r.id);
          }
        },
        doc === a ? me : null,
      );
      if (roll >= 0.92 && doc === a) undo.undo();
      if (random() < 0.3) sync();
      const s = store.getStructure();
      expect(s.claims).toEqual(listClaims(a).map((c) => c.id));
      expect(s.relations).toEqual(listRelations(a));
      expect([...s.roots].sort()).toEqual(rootClaims(a).sort());
    }
  }, 30_000);

  it('reads nothing before its first refresh, then follows every change', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'T' });
    const store = new MapStore(doc);
    const a = addClaim(doc, { text: 'a' });
    expect(store.getStructure().claims).toEqual([]);
    store.refresh();
    expect(store.getStructure().claims).toEqual([a]);
    const b = addClaim(doc, { text: 'b' });
    expect(store.getStructure().claims).toEqual([a, b]);
  });
});
