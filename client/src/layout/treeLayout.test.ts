import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph.ts';
import { overlapping, rel } from './testkit.ts';
import { treeLayout } from './treeLayout.ts';

describe('treeLayout', () => {
  it('puts each conclusion above its reasons and the reasons above their premises', () => {
    const graph = buildGraph({
      claims: ['c', 'p1', 'p2', 'q'],
      relations: [rel('r1', 'support', ['p1', 'p2'], 'c'), rel('r2', 'rebut', ['q'], 'c')],
    });
    const pos = treeLayout(graph);
    const y = (id: string) => pos.get(id)!.y;
    expect(y('c')).toBeLessThan(y('r1'));
    expect(y('r1')).toBeLessThan(y('p1'));
    expect(y('p1')).toBe(y('p2'));
    expect(y('r2')).toBe(y('r1'));
    expect(overlapping(graph, pos)).toEqual([]);
  });

  it('gives every claim a place even when the reasons form a cycle', () => {
    const graph = buildGraph({
      claims: ['a', 'b'],
      relations: [rel('r1', 'support', ['a'], 'b'), rel('r2', 'support', ['b'], 'a')],
    });
    const pos = treeLayout(graph);
    expect([...pos.keys()].sort()).toEqual(['a', 'b', 'r1', 'r2']);
    expect(overlapping(graph, pos)).toEqual([]);
  });

  it('lays out a thousand claims, one with hundreds of reasons, reading each node and edge a few times at most', () => {
    // Linear work, counted rather than timed (a timing limit fails on a busy machine): however
    // many reasons a conclusion has, the layout reads each node and each edge a bounded number
    // of times.
    const claims = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const relations = claims
      .slice(1)
      .map((c, i) =>
        rel(`r${i}`, i % 3 ? 'support' : 'rebut', [c], i < 300 ? 'c0' : `c${Math.floor(i / 3)}`),
      );
    const graph = buildGraph({ claims, relations });
    const counted = <T extends object>(list: T[], reads: number[]): T[] =>
      new Proxy(list, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads[Number(key)]! += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const nodeReads = graph.nodes.map(() => 0);
    const edgeReads = graph.edges.map(() => 0);
    const pos = treeLayout({
      nodes: counted(graph.nodes, nodeReads),
      edges: counted(graph.edges, edgeReads),
      get parents(): never {
        throw new Error('the layout reads the edges, not the parent index');
      },
      get children(): never {
        throw new Error('the layout reads the edges, not the child index');
      },
    });
    expect(pos.size).toBe(graph.nodes.length);
    expect(overlapping(graph, pos)).toEqual([]);
    expect(Math.min(...edgeReads)).toBe(1);
    expect(Math.max(...edgeReads)).toBe(1);
    expect(Math.min(...nodeReads)).toBeGreaterThan(0);
    expect(Math.max(...nodeReads)).toBeLessThanOrEqual(8);
  });
});
