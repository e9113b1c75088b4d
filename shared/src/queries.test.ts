import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap } from './meta.ts';
import {
  mapStats,
  proConForest,
  proConTree,
  rootClaims,
  unsupportedClaims,
  type ProConNode,
  type ProConReason,
} from './queries.ts';
import { addClaim } from './records/Claim.ts';
import { cite } from './records/Evidence.ts';
import { addPassage } from './records/Passage.ts';
import { connect, listRelations } from './records/Relation.ts';
import { addSource } from './records/Source.ts';

function debate() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'NATO' });
  const c = (text: string) => addClaim(doc, { text });
  const root = c('NATO is an archetypal collective security mechanism');
  const defensive = c('NATO is a defensive alliance');
  const art51 = c('Article 5 rests on self-defence under article 51');
  const regional = c('Regional systems are collective security too');
  const chapter8 = c('Chapter VIII allows regional arrangements');
  const rebutDef = connect(doc, { kind: 'rebut', premises: [defensive], target: { claim: root } });
  connect(doc, { kind: 'support', premises: [art51], target: { claim: defensive } });
  connect(doc, { kind: 'support', premises: [regional, chapter8], target: { claim: root } });
  const undercut = connect(doc, {
    kind: 'rebut',
    premises: [chapter8],
    target: { relation: rebutDef },
  });
  return { doc, root, defensive, art51, regional, chapter8, rebutDef, undercut };
}

describe('queries', () => {
  it('builds the pro/con tree with linked reasons and undercuts', () => {
    const d = debate();
    expect(proConTree(d.doc, d.root)).toEqual({
      claim: d.root,
      reasons: [
        {
          relation: d.rebutDef,
          kind: 'rebut',
          premises: [
            {
              claim: d.defensive,
              reasons: [
                {
                  relation: expect.any(String),
                  kind: 'support',
                  premises: [{ claim: d.art51, reasons: [] }],
                  undercuts: [],
                },
              ],
            },
          ],
          undercuts: [
            {
              relation: d.undercut,
              kind: 'rebut',
              premises: [{ claim: d.chapter8, reasons: [] }],
              undercuts: [],
            },
          ],
        },
        {
          relation: expect.any(String),
          kind: 'support',
          premises: [
            { claim: d.regional, reasons: [] },
            { claim: d.chapter8, reasons: [] },
          ],
          undercuts: [],
        },
      ],
    });
  });

  it('marks cycles instead of recursing forever', () => {
    const d = debate();
    connect(d.doc, { kind: 'support', premises: [d.root], target: { claim: d.art51 } });
    const tree = proConTree(d.doc, d.root);
    const art51 = tree?.reasons[0]?.premises[0]?.reasons[0]?.premises[0];
    expect(art51?.reasons[0]?.premises[0]).toEqual({ claim: d.root, reasons: [], cycle: true });
  });

  it("builds the forest of every root in one pass, equal to each root's own tree", () => {
    const d = debate();
    const lone = addClaim(d.doc, { text: 'on its own' });
    connect(d.doc, { kind: 'support', premises: [d.root], target: { claim: d.art51 } });
    const second = addClaim(d.doc, { text: 'a second conclusion' });
    connect(d.doc, { kind: 'rebut', premises: [d.art51], target: { claim: second } });
    const roots = [d.root, lone, second];
    const forest = proConForest({ relations: listRelations(d.doc).reverse(), roots });
    expect(forest).toEqual(roots.map((id) => proConTree(d.doc, id)));
    expect(forest[1]).toEqual({ claim: lone, reasons: [] });
  });

  it('starts a tree for claims on a cycle that no root reaches, so every claim is in the forest', () => {
    const d = debate();
    const a = addClaim(d.doc, { text: 'The law is just because it is the law' });
    const b = addClaim(d.doc, { text: 'It is the law because it is just' });
    const c = addClaim(d.doc, { text: 'Tradition says so' });
    connect(d.doc, { kind: 'support', premises: [a], target: { claim: b } });
    connect(d.doc, { kind: 'support', premises: [b], target: { claim: a } });
    connect(d.doc, { kind: 'support', premises: [c], target: { claim: b } });
    const relations = listRelations(d.doc);
    const roots = rootClaims(d.doc);
    expect(roots).not.toContain(a);
    expect(roots).not.toContain(b);
    const claims = [d.root, d.defensive, d.art51, d.regional, d.chapter8, a, b, c];
    expect(proConForest({ relations, roots })).toHaveLength(1);
    const forest = proConForest({ relations, roots, claims });
    // The cycle gets one tree, started at its first claim, and holds the others.
    expect(forest).toHaveLength(2);
    expect(forest[1]).toEqual(proConTree(d.doc, a));
    const seen = new Set<string>();
    const reason = (r: ProConReason): void => {
      r.premises.forEach(walk);
      r.undercuts.forEach(reason);
    };
    const walk = (n: ProConNode): void => {
      seen.add(n.claim);
      n.reasons.forEach(reason);
    };
    forest.forEach(walk);
    expect([...seen].sort()).toEqual([...claims].sort());
  });

  it('lists root claims: those that are no premise', () => {
    const d = debate();
    const lone = addClaim(d.doc, { text: 'on its own' });
    expect(rootClaims(d.doc).sort()).toEqual([d.root, lone].sort());
  });

  it('lists claims without support or supporting evidence', () => {
    const d = debate();
    expect(unsupportedClaims(d.doc).sort()).toEqual([d.art51, d.regional, d.chapter8].sort());
    const source = addSource(d.doc, {
      title: 'UN Charter',
      authors: [],
      issued: '1945',
      kind: 'treaty',
      body: 'Nothing in the present Charter shall impair the inherent right of self-defence.',
    });
    const passage = addPassage(d.doc, { source, exact: 'inherent right of self-defence' });
    cite(d.doc, { claim: d.art51, passage, stance: 'support' });
    cite(d.doc, { claim: d.regional, passage, stance: 'rebut' });
    expect(unsupportedClaims(d.doc).sort()).toEqual([d.regional, d.chapter8].sort());
  });

  it('counts live records', () => {
    const d = debate();
    expect(mapStats(d.doc)).toEqual({
      claims: 5,
      relations: 4,
      sources: 0,
      passages: 0,
      evidence: 0,
    });
  });
});
