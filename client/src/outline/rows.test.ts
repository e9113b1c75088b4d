import { describe, expect, it } from 'vitest';
import { visibleRows, type TreeNode } from './rows.ts';

const tree: TreeNode = {
  claim: 'c',
  reasons: [
    { relation: 'r2', kind: 'rebut', premises: [{ claim: 'q', reasons: [] }], undercuts: [] },
    {
      relation: 'r1',
      kind: 'support',
      premises: [
        { claim: 'p1', reasons: [] },
        { claim: 'p2', reasons: [] },
      ],
      undercuts: [],
    },
  ],
};

describe('visibleRows', () => {
  it('lists pros before cons and groups a linked reason’s premises under one row', () => {
    const rows = visibleRows([tree], new Set());
    expect(
      rows.map((r) => (r.type === 'claim' ? `${r.depth}:${r.claim}` : `${r.depth}:linked`)),
    ).toEqual(['1:c', '2:linked', '3:p1', '3:p2', '2:q']);
    const q = rows.find((r) => r.type === 'claim' && r.claim === 'q');
    expect(q?.stance?.kind).toBe('rebut');
  });

  it('hides everything under a collapsed row', () => {
    const all = visibleRows([tree], new Set());
    const root = all[0]!;
    expect(visibleRows([tree], new Set([root.key]))).toHaveLength(1);
  });

  it('gives the same claim under two conclusions two distinct keys', () => {
    const shared: TreeNode = { claim: 's', reasons: [] };
    const a: TreeNode = {
      claim: 'a',
      reasons: [{ relation: 'x', kind: 'support', premises: [shared], undercuts: [] }],
    };
    const b: TreeNode = {
      claim: 'b',
      reasons: [{ relation: 'y', kind: 'support', premises: [shared], undercuts: [] }],
    };
    const keys = visibleRows([a, b], new Set()).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
