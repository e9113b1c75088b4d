import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { createMap } from '../meta.ts';
import { addClaim, removeClaim } from './Claim.ts';
import {
  addPremise,
  connect,
  disconnect,
  getRelation,
  listRelations,
  removePremise,
  storedRelations,
} from './Relation.ts';

function setup() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Relations' });
  const [t, p, q] = ['target', 'premise', 'other'].map((text) => addClaim(doc, { text })) as [
    string,
    string,
    string,
  ];
  return { doc, t, p, q };
}

describe('relations', () => {
  it('connects a premise to a target', () => {
    const { doc, t, p } = setup();
    const id = connect(doc, { kind: 'rebut', premises: [p], target: { claim: t }, author: 'bo' });
    expect(getRelation(doc, id)).toMatchObject({
      kind: 'rebut',
      premises: [p],
      target: { claim: t },
      author: 'bo',
    });
  });

  it('makes a linked reason from several premises and keeps their order', () => {
    const { doc, t, p, q } = setup();
    const id = connect(doc, { kind: 'support', premises: [p], target: { claim: t } });
    addPremise(doc, id, q);
    addPremise(doc, id, q);
    expect(getRelation(doc, id)?.premises).toEqual([p, q]);
    removePremise(doc, id, p);
    expect(getRelation(doc, id)?.premises).toEqual([q]);
  });

  it('refuses to remove the last premise', () => {
    const { doc, t, p } = setup();
    const id = connect(doc, { kind: 'support', premises: [p], target: { claim: t } });
    expect(() => removePremise(doc, id, p)).toThrow(/at least one premise/);
  });

  it('refuses invalid relations without writing anything', () => {
    const { doc, t, p } = setup();
    const before = Y.encodeStateVector(doc);
    expect(() => connect(doc, { kind: 'support', premises: [], target: { claim: t } })).toThrow(
      ModelError,
    );
    expect(() => connect(doc, { kind: 'support', premises: [t], target: { claim: t } })).toThrow(
      /reason for itself/,
    );
    expect(() =>
      connect(doc, { kind: 'support', premises: ['ghost'], target: { claim: t } }),
    ).toThrow(/no claim ghost/);
    expect(() =>
      connect(doc, { kind: 'bogus' as 'support', premises: [p], target: { claim: t } }),
    ).toThrow(/"support" or "rebut"/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('lets a rebuttal undercut a relation, and only a rebuttal', () => {
    const { doc, t, p, q } = setup();
    const r = connect(doc, { kind: 'support', premises: [p], target: { claim: t } });
    const u = connect(doc, { kind: 'rebut', premises: [q], target: { relation: r } });
    expect(getRelation(doc, u)?.target).toEqual({ relation: r });
    expect(() => connect(doc, { kind: 'support', premises: [q], target: { relation: r } })).toThrow(
      /Only a rebuttal/,
    );
    disconnect(doc, r);
    expect(listRelations(doc)).toEqual([]);
  });

  it('hides a relation whose target was removed concurrently', () => {
    const { doc, t, p } = setup();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    // One person connects a rebuttal while another removes its target.
    connect(other, { kind: 'rebut', premises: [p], target: { claim: t } });
    removeClaim(doc, t);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(listRelations(doc)).toEqual([]);
    expect(listRelations(other)).toEqual([]);
  });

  it('indexes every premise a record names, and views it with the premises that exist', () => {
    const { doc, t, p, q } = setup();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const id = connect(doc, { kind: 'support', premises: [p], target: { claim: t } });
    addPremise(doc, id, q);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    // Someone removes a premise while another's replica still names it.
    removeClaim(other, p);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const stored = storedRelations(doc).get(id);
    expect(stored?.view?.premises).toEqual([q]);
    expect(stored?.premises).toEqual([q]);
    const gone = connect(doc, { kind: 'rebut', premises: [q], target: { claim: t } });
    doc.getMap('claims').delete(q); // a foreign writer, without the cascade
    expect(storedRelations(doc).get(gone)).toEqual({ view: undefined, premises: [q] });
  });
});
