import { addClaim, connect, createMap, removeClaim, type ClaimId } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { focusAfterDelete } from './afterDelete.ts';
import { MapStore } from './MapStore.ts';

function setup() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'T' });
  const store = new MapStore(doc);
  store.refresh();
  const claim = (text: string) => addClaim(doc, { text });
  const support = (premises: ClaimId[], claim: ClaimId) =>
    connect(doc, { kind: 'support', premises, target: { claim } });
  return { doc, store, claim, support };
}

describe('focusAfterDelete', () => {
  it('goes to the claim a deleted reason’s premise bears on first', () => {
    const { store, claim, support } = setup();
    const root = claim('root');
    const a = claim('a');
    const b = claim('b');
    support([a], root);
    support([b], root);
    expect(focusAfterDelete(store.getStructure(), { kind: 'claim', id: b })[0]).toBe(root);
  });

  it('goes to the claim a deleted reason supports, then its siblings', () => {
    const { store, claim, support } = setup();
    const root = claim('root');
    const a = claim('a');
    const b = claim('b');
    support([a], root);
    const reason = support([b], root);
    expect(focusAfterDelete(store.getStructure(), { kind: 'reason', id: reason })).toEqual([
      root,
      a,
      b,
    ]);
  });

  it('follows an undercut up to the claim under it', () => {
    const { doc, store, claim, support } = setup();
    const root = claim('root');
    const a = claim('a');
    const inference = support([a], root);
    const u = claim('undercut');
    connect(doc, { kind: 'rebut', premises: [u], target: { relation: inference } });
    expect(focusAfterDelete(store.getStructure(), { kind: 'claim', id: u })[0]).toBe(root);
  });

  it('goes from a conclusion to the next one, else the one before, else its reasons', () => {
    const { doc, store, claim, support } = setup();
    const first = claim('first');
    const second = claim('second');
    const third = claim('third');
    expect(focusAfterDelete(store.getStructure(), { kind: 'claim', id: second })[0]).toBe(third);
    expect(focusAfterDelete(store.getStructure(), { kind: 'claim', id: third })[0]).toBe(second);
    removeClaim(doc, second);
    removeClaim(doc, third);
    const child = claim('child');
    support([child], first);
    expect(focusAfterDelete(store.getStructure(), { kind: 'claim', id: first })).toEqual([child]);
  });

  it('has nowhere to go when the last claim goes', () => {
    const { store, claim } = setup();
    const only = claim('only');
    expect(focusAfterDelete(store.getStructure(), { kind: 'claim', id: only })).toEqual([]);
  });
});
