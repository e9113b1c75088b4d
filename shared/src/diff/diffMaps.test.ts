import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap } from '../meta.ts';
import { addClaim, removeClaim, setClaimText } from '../records/Claim.ts';
import { cite, uncite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { addPremise, connect, setRelationKind } from '../records/Relation.ts';
import { addSource } from '../records/Source.ts';
import { diffMaps, diffSize, isEmptyDiff } from './diffMaps.ts';

/** A small map, and a copy of it to edit: the two states a diff compares. */
function twoStates() {
  const before = new Y.Doc();
  createMap(before, { title: 'Energy' });
  const root = addClaim(before, { text: 'Nuclear power is cheap' });
  const pro = addClaim(before, { text: 'Fuel costs little' });
  const con = addClaim(before, { text: 'Plants cost a lot to build' });
  const reason = connect(before, { kind: 'support', premises: [pro], target: { claim: root } });
  const source = addSource(before, {
    title: 'Report',
    authors: [],
    issued: '2020',
    kind: 'report',
    body: 'Fuel is a small share of the cost of nuclear power.',
  });
  const passage = addPassage(before, { source, exact: 'Fuel is a small share' });
  cite(before, { claim: pro, passage, stance: 'support' });
  const after = new Y.Doc();
  Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
  return { before, after, root, pro, con, reason, passage };
}

describe('diffMaps', () => {
  it('finds nothing between a map and its copy', () => {
    const { before, after } = twoStates();
    expect(isEmptyDiff(diffMaps(before, after))).toBe(true);
  });

  it('reports exactly the edits made: claims added, removed and reworded', () => {
    const { before, after, root, con } = twoStates();
    const added = addClaim(after, { text: 'Waste storage is costly' });
    removeClaim(after, con);
    setClaimText(after, root, 'Nuclear power is not cheap');
    const diff = diffMaps(before, after);
    expect(diff.claims).toEqual({
      added: [{ id: added, text: 'Waste storage is costly' }],
      removed: [{ id: con, text: 'Plants cost a lot to build' }],
      changed: [
        {
          id: root,
          from: 'Nuclear power is cheap',
          to: 'Nuclear power is not cheap',
          words: [
            { op: 'equal', text: 'Nuclear power is ' },
            { op: 'insert', text: 'not ' },
            { op: 'equal', text: 'cheap' },
          ],
        },
      ],
    });
    expect(diff.relations).toEqual({ added: [], removed: [], changed: [] });
    expect(diffSize(diff)).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it('reports relations added, removed with their claim, and changed in kind or premises', () => {
    const { before, after, root, pro, con, reason } = twoStates();
    const rebut = connect(after, { kind: 'rebut', premises: [con], target: { claim: root } });
    setRelationKind(after, reason, 'rebut');
    addPremise(after, reason, con);
    const diff = diffMaps(before, after);
    expect(diff.relations.added).toEqual([
      { id: rebut, kind: 'rebut', premises: [con], target: { claim: root } },
    ]);
    expect(diff.relations.changed).toEqual([
      {
        id: reason,
        from: { id: reason, kind: 'support', premises: [pro], target: { claim: root } },
        to: { id: reason, kind: 'rebut', premises: [pro, con], target: { claim: root } },
      },
    ]);
    const back = diffMaps(after, before);
    expect(back.relations.removed.map((r) => r.id)).toEqual([rebut]);
  });

  it('reports citations removed and added, a new stance as both', () => {
    const { before, after, pro, root, passage } = twoStates();
    uncite(after, pro, passage);
    cite(after, { claim: root, passage, stance: 'rebut' });
    const diff = diffMaps(before, after);
    expect(diff.evidence).toEqual({
      added: [{ claim: root, passage, stance: 'rebut' }],
      removed: [{ claim: pro, passage, stance: 'support' }],
    });
    cite(after, { claim: root, passage, stance: 'support' });
    const restanced = diffMaps(before, after).evidence;
    expect(restanced.added).toEqual([{ claim: root, passage, stance: 'support' }]);
  });
});
