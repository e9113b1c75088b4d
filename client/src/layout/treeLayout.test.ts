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

  it('lays out a thousand claims, one with hundreds of reasons, reading each node’s links once', () => {
    // Linear work, counted rather than timed (a timing limit fails on a busy machine): the
    // layout asks for each node's children and parents at most once.
    const claims = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const relations = claims
      .slice(1)
      .map((c, i) =>
        rel(`r${i}`, i % 3 ? 'support' : 'rebut', [c], i < 300 ? 'c0' : `c${Math.floor(i / 3)}`),
      );
    const graph = buildGraph({ claims, relations });
    const reads = new Map<string, number>();
    class Counted<V> extends Map<string, V> {
      override get(id: string) {
        reads.set(`get ${id}`, (reads.get(`get ${id}`) ?? 0) + 1);
        return super.get(id);
      }
      override has(id: string) {
        reads.set(`has ${id}`, (reads.get(`has ${id}`) ?? 0) + 1);
        return super.has(id);
      }
    }
    const pos = treeLayout({
      ...graph,
      children: new Counted(graph.children),
      parents: new Counted(graph.parents),
    });
    expect(pos.size).toBe(graph.nodes.length);
    expect(overlapping(graph, pos)).toEqual([]);
    expect(reads.size).toBeGreaterThan(0);
    expect(Math.max(...reads.values())).toBe(1);
  });
});
