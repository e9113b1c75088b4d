import { describe, expect, it } from 'vitest';
import type { RelationView } from '@warrant/shared';
import { buildGraph, extendGraph } from './graph.ts';

const rel = (id: string, premises: string[], target: string): RelationView => ({
  id,
  kind: 'support',
  premises,
  target: { claim: target },
  author: '',
  createdAt: 0,
});

describe('extendGraph', () => {
  const relations = [rel('r1', ['b'], 'a'), rel('r2', ['c'], 'a')];
  const before = { claims: ['a', 'b', 'c'], relations };
  const previous = buildGraph(before);

  it('adds new claims as nodes and keeps the edges and indexes when relations did not change', () => {
    const next = { claims: ['a', 'b', 'c', 'd', 'e'], relations };
    const graph = extendGraph(previous, before, next);
    expect(graph).toEqual(buildGraph(next));
    expect(graph.edges).toBe(previous.edges);
    expect(graph.parents).toBe(previous.parents);
    expect(graph.children).toBe(previous.children);
  });

  it('builds from scratch when relations changed, claims went or were reordered', () => {
    const cases = [
      { claims: ['a', 'b', 'c', 'd'], relations: [...relations, rel('r3', ['d'], 'a')] },
      { claims: ['a', 'c'], relations: [rel('r2', ['c'], 'a')] },
      { claims: ['b', 'a', 'c', 'd'], relations },
      { claims: ['a', 'b', 'c'], relations },
    ];
    for (const next of cases) {
      const graph = extendGraph(previous, before, next);
      expect(graph).toEqual(buildGraph(next));
      if (next.relations !== relations) expect(graph.edges).not.toBe(previous.edges);
    }
  });

  it('indexes each node’s parents and children in creation order', () => {
    const graph = buildGraph({
      claims: ['a', 'b', 'c'],
      relations: [rel('r1', ['b', 'c'], 'a'), rel('r2', ['c'], 'a')],
    });
    expect(graph.children).toEqual(
      new Map([
        ['a', ['r1', 'r2']],
        ['r1', ['b', 'c']],
        ['r2', ['c']],
      ]),
    );
    expect(graph.parents).toEqual(
      new Map([
        ['r1', ['a']],
        ['b', ['r1']],
        ['c', ['r1', 'r2']],
        ['r2', ['a']],
      ]),
    );
    expect(graph.children).toBe(graph.children);
  });
});
