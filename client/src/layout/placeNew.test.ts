import { describe, expect, it } from 'vitest';
import { buildGraph, CLAIM_SIZE } from './graph.ts';
import { placeNew } from './placeNew.ts';
import type { Positions } from './positions.ts';
import { overlapping, rel } from './testkit.ts';
import { treeLayout } from './treeLayout.ts';

describe('placeNew', () => {
  const base = {
    claims: ['c', 'p'],
    relations: [rel('r1', 'support', ['p'], 'c')],
  };

  it('keeps every placed node exactly where it was when a claim is added', () => {
    const before = treeLayout(buildGraph(base));
    const graph = buildGraph({
      claims: [...base.claims, 'n'],
      relations: [...base.relations, rel('r2', 'rebut', ['n'], 'c')],
    });
    const after = placeNew(graph, before);
    for (const [id, p] of before) expect(after.get(id)).toEqual(p);
    expect(after.size).toBe(graph.nodes.length);
  });

  it('puts a new rebuttal below its conclusion and its premise below the reason, overlapping nothing', () => {
    const before = treeLayout(buildGraph(base));
    const graph = buildGraph({
      claims: [...base.claims, 'n'],
      relations: [...base.relations, rel('r2', 'rebut', ['n'], 'c')],
    });
    const after = placeNew(graph, before);
    expect(after.get('r2')!.y).toBeGreaterThan(after.get('c')!.y + CLAIM_SIZE.height - 1);
    expect(after.get('n')!.y).toBeGreaterThan(after.get('r2')!.y);
    expect(overlapping(graph, after)).toEqual([]);
  });

  it('places a lone new claim on the top row to the right of everything', () => {
    const before = treeLayout(buildGraph(base));
    const graph = buildGraph({ claims: [...base.claims, 'lone'], relations: base.relations });
    const after = placeNew(graph, before);
    const rightmost = Math.max(...[...before.values()].map((p) => p.x));
    expect(after.get('lone')!.x).toBeGreaterThan(rightmost);
    expect(after.get('lone')!.y).toBe(Math.min(...[...before.values()].map((p) => p.y)));
  });

  it('draws a reason made by connecting two existing claims between them', () => {
    const claims = ['a', 'b'];
    const before = treeLayout(buildGraph({ claims, relations: [] }));
    const graph = buildGraph({ claims, relations: [rel('r', 'support', ['b'], 'a')] });
    const after = placeNew(graph, before);
    expect(after.get('a')).toEqual(before.get('a'));
    expect(after.get('b')).toEqual(before.get('b'));
    expect(overlapping(graph, after)).toEqual([]);
  });

  it('forgets the places of nodes gone from the map while placing a new one', () => {
    const before = treeLayout(buildGraph(base));
    // 'p' and its reason are gone (deleted), 'lone' is new.
    const graph = buildGraph({ claims: ['c', 'lone'], relations: [] });
    const after = placeNew(graph, before);
    expect([...after.keys()].sort()).toEqual(['c', 'lone']);
    expect(after.get('c')).toEqual(before.get('c'));
    expect(overlapping(graph, after)).toEqual([]);
  });

  it('returns the same map when nothing is new', () => {
    const graph = buildGraph(base);
    const before = treeLayout(graph);
    expect(placeNew(graph, before)).toBe(before);
  });

  it('takes the nearest free spot, to the left when that is closer than the right', () => {
    const before: Positions = new Map([
      ['c', { x: 1000, y: 0 }],
      ['r1', { x: 1100, y: 156 }],
      ['p', { x: 1050, y: 230 }],
    ]);
    const graph = buildGraph({
      claims: ['c', 'p', 'n'],
      relations: [rel('r1', 'support', ['p'], 'c'), rel('r2', 'rebut', ['n'], 'c')],
    });
    const after = placeNew(graph, before);
    expect(after.get('r2')!.x).toBeLessThan(1100);
    expect(overlapping(graph, after)).toEqual([]);
  });

  it('reads the links of the nodes it places from the edges, not the graph’s indexes', () => {
    const before = treeLayout(buildGraph(base));
    const graph = buildGraph({
      claims: [...base.claims, 'n'],
      relations: [...base.relations, rel('r2', 'rebut', ['n'], 'c')],
    });
    const expected = placeNew(graph, before);
    const edgesOnly = {
      nodes: graph.nodes,
      edges: graph.edges,
      get parents(): never {
        throw new Error('built on first read: adding a claim must not build it');
      },
      get children(): never {
        throw new Error('built on first read: adding a claim must not build it');
      },
    };
    expect(placeNew(edgesOnly, before)).toEqual(expected);
  });
});
