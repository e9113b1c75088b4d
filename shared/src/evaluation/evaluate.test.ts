import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors.ts';
import { addPremise, connect } from '../records/Relation.ts';
import { evaluate } from './evaluate.ts';
import type { EvalGraph } from './graph.ts';
import { newMap } from './testMap.ts';

const sorted = (xs: string[][] | undefined) => xs?.map((x) => [...x].sort()).sort();

describe('grounded and preferred semantics, textbook cases', () => {
  it('reinstates a claim whose only rebuttal is itself rebutted (c rebuts b rebuts a)', () => {
    const m = newMap();
    const [a, b, c] = m.claims('a', 'b', 'c') as [string, string, string];
    const rb = m.rebut(b, a);
    const rc = m.rebut(c, b);
    for (const semantics of ['grounded', 'preferred'] as const) {
      const r = m.evaluate({ semantics });
      expect(r.labels).toEqual({ [a]: 'accepted', [b]: 'rejected', [c]: 'accepted' });
      expect(r.relations).toEqual({ [rb]: 'fails', [rc]: 'holds' });
    }
  });

  it('leaves an even cycle undecided under grounded and splits it in two under preferred', () => {
    const m = newMap();
    const [a, b] = m.claims('a', 'b') as [string, string];
    m.rebut(a, b);
    m.rebut(b, a);
    expect(m.evaluate().labels).toEqual({ [a]: 'undecided', [b]: 'undecided' });
    const p = m.evaluate({ semantics: 'preferred' });
    expect(p.gaveUp).toBeUndefined();
    expect(p.extensionCount).toBe(2);
    expect(sorted(p.extensions)).toEqual(sorted([[a], [b]]));
    expect(p.credulous).toEqual({ [a]: true, [b]: true });
    expect(p.sceptical).toEqual({ [a]: false, [b]: false });
    expect(p.labels).toEqual({ [a]: 'undecided', [b]: 'undecided' });
  });

  it('leaves an odd cycle undecided under both semantics', () => {
    const m = newMap();
    const [a, b, c] = m.claims('a', 'b', 'c') as [string, string, string];
    m.rebut(a, b);
    m.rebut(b, c);
    m.rebut(c, a);
    const undecided = { [a]: 'undecided', [b]: 'undecided', [c]: 'undecided' };
    expect(m.evaluate().labels).toEqual(undecided);
    const p = m.evaluate({ semantics: 'preferred' });
    expect(p.labels).toEqual(undecided);
    expect(p.extensions).toEqual([[]]);
    expect(p.credulous).toEqual({ [a]: false, [b]: false, [c]: false });
  });

  it('decides what an even cycle attacks only per extension', () => {
    const m = newMap();
    const [a, b, t] = m.claims('a', 'b', 't') as [string, string, string];
    m.rebut(a, b);
    m.rebut(b, a);
    m.rebut(a, t);
    const p = m.evaluate({ semantics: 'preferred' });
    expect(sorted(p.extensions)).toEqual(sorted([[a], [b, t]]));
    expect(p.credulous?.[t]).toBe(true);
    expect(p.sceptical?.[t]).toBe(false);
  });

  it('accepts what both sides of an even cycle defeat (preferred, not grounded: floating)', () => {
    const m = newMap();
    const [a, b, c, d] = m.claims('a', 'b', 'c', 'd') as [string, string, string, string];
    m.rebut(a, b);
    m.rebut(b, a);
    m.rebut(a, c);
    m.rebut(b, c);
    m.rebut(c, d);
    expect(m.evaluate().labels[d]).toBe('undecided');
    const p = m.evaluate({ semantics: 'preferred' });
    expect(p.labels[c]).toBe('rejected');
    expect(p.labels[d]).toBe('accepted');
    expect(p.sceptical?.[d]).toBe(true);
  });

  it('lets a linked rebuttal fail when one premise is rejected', () => {
    const m = newMap();
    const [t, p1, p2, x] = m.claims('t', 'p1', 'p2', 'x') as [string, string, string, string];
    const linked = m.rebut([p1, p2], t);
    expect(m.evaluate().labels[t]).toBe('rejected');
    m.rebut(x, p1);
    const r = m.evaluate();
    expect(r.labels).toMatchObject({ [p1]: 'rejected', [p2]: 'accepted', [t]: 'accepted' });
    expect(r.relations[linked]).toBe('fails');
  });

  it('leaves a linked rebuttal undecided when one premise is undecided and none rejected', () => {
    const m = newMap();
    const [t, p1, p2, x] = m.claims('t', 'p1', 'p2', 'x') as [string, string, string, string];
    m.rebut([p1, p2], t);
    m.rebut(x, p1);
    m.rebut(p1, x);
    expect(m.evaluate().labels).toMatchObject({ [t]: 'undecided', [p2]: 'accepted' });
    const p = m.evaluate({ semantics: 'preferred' });
    expect(sorted(p.extensions)).toEqual(
      sorted([
        [p1, p2],
        [x, p2, t],
      ]),
    );
  });

  it('keeps the target of an undercut rebuttal standing', () => {
    const m = newMap();
    const [t, p, u] = m.claims('t', 'p', 'u') as [string, string, string];
    const r = m.rebut(p, t);
    const cut = m.undercut(u, r);
    for (const semantics of ['grounded', 'preferred'] as const) {
      const res = m.evaluate({ semantics });
      expect(res.labels).toEqual({ [t]: 'accepted', [p]: 'accepted', [u]: 'accepted' });
      expect(res.relations).toEqual({ [r]: 'fails', [cut]: 'holds' });
    }
  });

  it('lets a rebuttal hold again when its undercut is itself rebutted', () => {
    const m = newMap();
    const [t, p, u, v] = m.claims('t', 'p', 'u', 'v') as [string, string, string, string];
    const r = m.rebut(p, t);
    const cut = m.undercut(u, r);
    m.rebut(v, u);
    const res = m.evaluate();
    expect(res.labels).toMatchObject({ [t]: 'rejected', [u]: 'rejected' });
    expect(res.relations).toMatchObject({ [r]: 'holds', [cut]: 'fails' });
  });

  it('lets an undercut of an undercut reinstate the inference', () => {
    const m = newMap();
    const [t, p, u, w] = m.claims('t', 'p', 'u', 'w') as [string, string, string, string];
    const r = m.rebut(p, t);
    const cut = m.undercut(u, r);
    m.undercut(w, cut);
    expect(m.evaluate().labels[t]).toBe('rejected');
  });

  it('refuses a claim rebutting itself, directly or by a later co-premise', () => {
    const m = newMap();
    const [a, b] = m.claims('a', 'b') as [string, string];
    expect(() => m.rebut(a, a)).toThrow(ModelError);
    const r = connect(m.doc, { kind: 'rebut', premises: [b], target: { claim: a } });
    expect(() => addPremise(m.doc, r, a)).toThrow(ModelError);
  });

  it('leaves a self-rebuttal from a foreign graph undecided rather than looping', () => {
    const graph: EvalGraph = {
      claims: ['a', 'b'],
      relations: [
        {
          id: 'r',
          kind: 'rebut',
          premises: ['a', 'b'],
          target: { claim: 'a' },
          missingPremises: [],
        },
      ],
      evidence: [],
      roots: [],
    };
    for (const semantics of ['grounded', 'preferred'] as const) {
      const res = evaluate(graph, { semantics, mode: 'attack' });
      expect(res.labels).toEqual({ a: 'undecided', b: 'accepted' });
      expect(res.relations).toEqual({ r: 'undecided' });
    }
  });

  it('ignores relations of a foreign graph that point at nothing', () => {
    const graph: EvalGraph = {
      claims: ['a'],
      relations: [
        { id: 'r', kind: 'rebut', premises: ['gone'], target: { claim: 'a' }, missingPremises: [] },
        { id: 's', kind: 'rebut', premises: ['a'], target: { relation: 'r' }, missingPremises: [] },
      ],
      evidence: [],
      roots: ['a'],
    };
    expect(evaluate(graph)).toMatchObject({ labels: { a: 'accepted' }, relations: {} });
  });

  it('handles a cycle that runs through a linked reason and an undercut', () => {
    const m = newMap();
    const [a, b, c, t] = m.claims('a', 'b', 'c', 't') as [string, string, string, string];
    const r = m.rebut([a, b], t);
    m.undercut(t, r);
    m.rebut(c, a);
    m.rebut(a, c);
    expect(m.evaluate().labels).toMatchObject({ [t]: 'undecided', [b]: 'accepted' });
    const p = m.evaluate({ semantics: 'preferred' });
    // c wins: a falls, the linked rebuttal fails, t stands. a wins: the rebuttal and t's
    // undercut of it attack each other (each defeats the other's premise or inference), so
    // either t falls or it stands by undercutting the reason against it.
    expect(sorted(p.extensions)).toEqual(
      sorted([
        [b, c, t],
        [a, b],
        [a, b, t],
      ]),
    );
  });

  it('does not let support change labels in attack mode', () => {
    const m = newMap();
    const [a, b, s] = m.claims('a', 'b', 's') as [string, string, string];
    m.rebut(b, a);
    m.support(s, a);
    expect(m.evaluate().labels[a]).toBe('rejected');
  });

  it('gives up within its budget and returns the grounded labels', () => {
    const m = newMap();
    const [a, b] = m.claims('a', 'b') as [string, string];
    m.rebut(a, b);
    m.rebut(b, a);
    const res = m.evaluate({ semantics: 'preferred', budgetMs: -1 });
    expect(res.gaveUp).toBe(true);
    expect(res.labels).toEqual(m.evaluate().labels);
    expect(res.extensions).toBeUndefined();
  });
});
