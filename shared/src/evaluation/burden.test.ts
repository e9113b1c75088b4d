import { describe, expect, it } from 'vitest';
import { cite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { addSource, editSourceText } from '../records/Source.ts';
import { newMap } from './testMap.ts';

const BODY = 'Article 51 keeps the inherent right of self-defence.';

describe('burden of proof mode', () => {
  function withSource() {
    const m = newMap();
    const source = addSource(m.doc, {
      title: 'Charter',
      authors: ['UN'],
      issued: '1945',
      kind: 'treaty',
      body: BODY,
    });
    const passage = addPassage(m.doc, { source, exact: 'inherent right' });
    return { ...m, source, passage };
  }

  it('accepts a root but leaves an unbacked premise undecided', () => {
    const m = newMap();
    const [t, p] = m.claims('t', 'p') as [string, string];
    m.support(p, t);
    expect(m.evaluate({ mode: 'burden' }).labels).toEqual({ [t]: 'accepted', [p]: 'undecided' });
    expect(m.evaluate({ mode: 'attack' }).labels).toEqual({ [t]: 'accepted', [p]: 'accepted' });
  });

  it('accepts a premise backed by a holding support or a cited passage', () => {
    const m = withSource();
    const [t, p, q] = m.claims('t', 'p', 'q') as [string, string, string];
    m.support(p, t);
    m.support(q, p);
    cite(m.doc, { claim: q, passage: m.passage, stance: 'support' });
    expect(m.evaluate({ mode: 'burden' }).labels).toEqual({
      [t]: 'accepted',
      [p]: 'accepted',
      [q]: 'accepted',
    });
  });

  it('does not count a passage whose words were deleted', () => {
    const m = withSource();
    const [t, p] = m.claims('t', 'p') as [string, string];
    m.support(p, t);
    cite(m.doc, { claim: p, passage: m.passage, stance: 'support' });
    expect(m.evaluate({ mode: 'burden' }).labels[p]).toBe('accepted');
    editSourceText(m.doc, m.source, { index: 0, deleteCount: BODY.length, insert: 'gone' });
    expect(m.graph().evidence[0]?.orphaned).toBe(true);
    expect(m.evaluate({ mode: 'burden' }).labels[p]).toBe('undecided');
  });

  it('does not let an undercut support, or one with a rejected premise, carry the burden', () => {
    const m = withSource();
    const [t, p, q, u, x] = m.claims('t', 'p', 'q', 'u', 'x') as [
      string,
      string,
      string,
      string,
      string,
    ];
    m.support(p, t);
    const s = m.support(q, p);
    m.support(u, q);
    m.support(x, u);
    cite(m.doc, { claim: x, passage: m.passage, stance: 'support' });
    // x cites a passage: x backs u, u backs q, q backs p.
    expect(m.evaluate({ mode: 'burden' }).labels[p]).toBe('accepted');
    const cut = m.undercut(u, s);
    const undercut = m.evaluate({ mode: 'burden' });
    expect(undercut.relations).toMatchObject({ [s]: 'fails', [cut]: 'holds' });
    expect(undercut.labels).toMatchObject({ [p]: 'undecided', [q]: 'accepted' });
    m.rebut(x, q);
    const rejected = m.evaluate({ mode: 'burden' });
    expect(rejected.labels).toMatchObject({ [q]: 'rejected', [p]: 'undecided' });
  });

  it('lets an unbacked objection cast doubt but not reject', () => {
    const m = newMap();
    const [t, o] = m.claims('t', 'o') as [string, string];
    m.rebut(o, t);
    expect(m.evaluate({ mode: 'burden' }).labels).toEqual({ [t]: 'undecided', [o]: 'undecided' });
    expect(m.evaluate({ mode: 'attack' }).labels[t]).toBe('rejected');
  });

  it('never lets a circle of support carry itself under grounded; preferred accepts it', () => {
    const m = newMap();
    const [t, a, b] = m.claims('t', 'a', 'b') as [string, string, string];
    m.support(a, t);
    m.support(a, b);
    m.support(b, a);
    expect(m.evaluate({ mode: 'burden' }).labels).toMatchObject({
      [a]: 'undecided',
      [b]: 'undecided',
    });
    const p = m.evaluate({ mode: 'burden', semantics: 'preferred' });
    expect(p.labels).toEqual({ [t]: 'accepted', [a]: 'accepted', [b]: 'accepted' });
  });
});
