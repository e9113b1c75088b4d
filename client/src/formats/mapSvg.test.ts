import type { RelationView } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../layout/graph.ts';
import { treeLayout } from '../layout/treeLayout.ts';
import { guessWidth, mapSvg, reasonKind, wrap } from './mapSvg.ts';

const relation = (
  id: string,
  kind: 'support' | 'rebut',
  premises: string[],
  target: RelationView['target'],
): RelationView => ({ id, kind, premises, target, author: '', createdAt: 0 });

function picture() {
  const relations = [
    relation('r1', 'support', ['b'], { claim: 'a' }),
    relation('r2', 'rebut', ['c'], { claim: 'a' }),
    relation('r3', 'rebut', ['d'], { relation: 'r1' }),
  ];
  const graph = buildGraph({ claims: ['a', 'b', 'c', 'd'], relations });
  const texts: Record<string, string> = {
    a: 'Tuition should be free',
    b: 'Education is a public good',
    c: 'Free tuition mostly helps the well-off <and> “others” & more',
    d: 'Public goods can still be priced',
  };
  return {
    title: 'Free tuition & fees',
    graph,
    positions: treeLayout(graph),
    claimText: (id: string) => texts[id] ?? '',
    reasons: new Map(relations.map((r) => [r.id, reasonKind(r)])),
  };
}

describe('the map as an SVG picture', () => {
  it('draws every claim with its whole text, and every reason with its words', () => {
    const { svg } = mapSvg(picture());
    expect(svg).toContain('<title>Tuition should be free</title>');
    expect(svg).toContain(
      '<title>Free tuition mostly helps the well-off &lt;and&gt; “others” &amp; more</title>',
    );
    expect(svg).toContain('>supports</text>');
    expect(svg).toContain('>rebuts</text>');
    expect(svg).toContain('>undercuts</text>');
    expect(svg).toContain('>Free tuition &amp; fees</text>');
  });

  it('tells rebuttals and undercuts from supports by their lines, not colour alone', () => {
    const { svg } = mapSvg(picture());
    const edges = svg.split('\n').filter((l) => l.startsWith('<path d="M'));
    expect(edges).toHaveLength(6);
    expect(edges.filter((l) => !l.includes('stroke-dasharray'))).toHaveLength(2);
    expect(edges.filter((l) => l.includes('stroke-dasharray="8 5"'))).toHaveLength(2);
    expect(edges.filter((l) => l.includes('stroke-dasharray="2 4"'))).toHaveLength(2);
  });

  it('covers the whole layout, not a viewport', () => {
    const p = picture();
    const { width, height } = mapSvg(p);
    const xs = [...p.positions.values()].map((q) => q.x);
    const ys = [...p.positions.values()].map((q) => q.y);
    expect(width).toBeGreaterThanOrEqual(Math.max(...xs) - Math.min(...xs) + 260);
    expect(height).toBeGreaterThanOrEqual(Math.max(...ys) - Math.min(...ys) + 112);
  });

  it('says so when the map is empty', () => {
    const { svg } = mapSvg({
      ...picture(),
      graph: buildGraph({ claims: [], relations: [] }),
      positions: new Map(),
    });
    expect(svg).toContain('This map has no claims yet.');
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
  });
});

describe('wrapping a claim into a card', () => {
  const measure = (t: string) => guessWidth(t, 13);

  it('breaks at spaces within the width', () => {
    const lines = wrap('one two three four five six seven eight nine ten', 80, 10, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(80);
    expect(lines.join(' ')).toBe('one two three four five six seven eight nine ten');
  });

  it('ends with an ellipsis when the text does not fit the card', () => {
    const lines = wrap('word '.repeat(200), 100, 3, measure);
    expect(lines).toHaveLength(3);
    expect(lines[2]?.endsWith('…')).toBe(true);
  });

  it('cuts a word longer than a line', () => {
    const lines = wrap('x'.repeat(100), 50, 100, measure);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(50);
    expect(lines.join('')).toBe('x'.repeat(100));
  });
});
