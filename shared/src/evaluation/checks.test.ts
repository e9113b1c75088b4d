import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rootClaims, unsupportedClaims } from '../queries.ts';
import { removeClaim } from '../records/Claim.ts';
import { cite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { addPremise } from '../records/Relation.ts';
import { addSource, editSourceText } from '../records/Source.ts';
import { checks } from './checks.ts';
import { newMap } from './testMap.ts';

describe('checks and the graph read from the document', () => {
  it('mirrors unsupportedClaims and rootClaims', () => {
    const m = newMap();
    const [t, p, q] = m.claims('t', 'p', 'q') as [string, string, string];
    m.support(p, t);
    m.rebut(q, t);
    const graph = m.graph();
    expect(checks(graph).unsupported).toEqual(unsupportedClaims(m.doc));
    expect(graph.roots).toEqual(rootClaims(m.doc));
    expect(checks(graph).unsupported).toEqual([p, q]);
  });

  it('lists rebuttals nobody has answered, undercuts included', () => {
    const m = newMap();
    const [t, p, q, u] = m.claims('t', 'p', 'q', 'u') as [string, string, string, string];
    const r1 = m.rebut(p, t);
    const r2 = m.rebut(q, t);
    const cut = m.undercut(u, r2);
    m.support(t, u);
    expect(checks(m.graph()).unanswered).toEqual([r1, cut]);
    m.rebut(t, p);
    expect(checks(m.graph()).unanswered).toEqual([cut]);
  });

  it('finds circles of support, and not chains', () => {
    const m = newMap();
    const [a, b, c, d, e] = m.claims('a', 'b', 'c', 'd', 'e') as [
      string,
      string,
      string,
      string,
      string,
    ];
    m.support(a, b);
    m.support(b, c);
    m.support(c, a);
    m.support(c, d);
    m.support([d, e], b);
    m.rebut(e, a);
    expect(checks(m.graph()).circular).toEqual([[a, b, c, d]]);
  });

  it('flags claims whose only citations lost their words', () => {
    const m = newMap();
    const body = 'One two three four five.';
    const source = addSource(m.doc, {
      title: 'S',
      authors: [],
      issued: '2020',
      kind: 'book',
      body,
    });
    const [a, b] = m.claims('a', 'b') as [string, string];
    const gone = addPassage(m.doc, { source, exact: 'one two' });
    const kept = addPassage(m.doc, { source, exact: 'four five' });
    cite(m.doc, { claim: a, passage: gone, stance: 'support' });
    cite(m.doc, { claim: b, passage: gone, stance: 'rebut' });
    cite(m.doc, { claim: b, passage: kept, stance: 'support' });
    editSourceText(m.doc, source, { index: 0, deleteCount: 8 });
    expect(checks(m.graph()).orphanedOnly).toEqual([a]);
  });

  it('reports a reason that lost a co-premise to a concurrent removal', () => {
    const m = newMap();
    const [t, p, q] = m.claims('t', 'p', 'q') as [string, string, string];
    const r = m.rebut(p, t);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(m.doc));
    addPremise(m.doc, r, q);
    removeClaim(other, q);
    Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(other));
    const graph = m.graph();
    expect(graph.relations).toEqual([
      { id: r, kind: 'rebut', premises: [p], target: { claim: t }, missingPremises: [q] },
    ]);
    expect(checks(graph).brokenReasons).toEqual([r]);
    expect(m.evaluate().labels[t]).toBe('rejected');
  });
});
