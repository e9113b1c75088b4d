import { evaluate, type EvalGraph } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import { withAssumptions } from './assume.ts';

/** `r` rebuts `t`; `s` stands alone. */
const graph: EvalGraph = {
  claims: ['t', 'r', 's'],
  relations: [
    { id: 'r1', kind: 'rebut', premises: ['r'], target: { claim: 't' }, missingPremises: [] },
  ],
  evidence: [],
  roots: ['t'],
};

const labels = (g: EvalGraph, mode: 'attack' | 'burden' = 'attack') =>
  evaluate(g, { semantics: 'grounded', mode }).labels;

describe('what-if assumptions', () => {
  it('leaves the graph as it is without assumptions', () => {
    expect(withAssumptions(graph, new Map())).toBe(graph);
  });

  it('rejects a claim assumed rejected, and what it rebutted comes back', () => {
    const g = withAssumptions(graph, new Map([['r', 'rejected' as const]]));
    expect(labels(g)).toMatchObject({ t: 'accepted', r: 'rejected' });
    expect(labels(g, 'burden')).toMatchObject({ r: 'rejected' });
  });

  it('accepts a claim assumed accepted by leaving out the rebuttals aimed at it', () => {
    expect(labels(graph)).toMatchObject({ t: 'rejected' });
    const g = withAssumptions(graph, new Map([['t', 'accepted' as const]]));
    expect(labels(g)).toMatchObject({ t: 'accepted', r: 'accepted' });
    expect(graph.relations).toHaveLength(1);
  });

  it('ignores assumptions about claims the map no longer has', () => {
    const g = withAssumptions(graph, new Map([['gone', 'rejected' as const]]));
    expect(g.claims).toEqual(graph.claims);
  });
});
