import {
  listThreads,
  markClaim,
  marksByClaim,
  reply,
  resolveThread,
  startThread,
} from '@warrant/shared';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { claimsMarked, commentCount, targetLabel, threadFilterFor } from './panelItems.ts';

const ann = { id: 'dev-ann', name: 'Ann' };
const bo = { id: 'dev-bo', name: 'Bo' };

describe('the Comments panel’s lists', () => {
  it('filters threads into open, resolved, and those I started, wrote in or am mentioned in', () => {
    const doc = new Y.Doc();
    const mine = startThread(doc, { target: { kind: 'claim', id: 'c1' }, author: ann, text: 'Hm' });
    const theirs = startThread(doc, {
      target: { kind: 'claim', id: 'c2' },
      author: bo,
      text: 'Why?',
    });
    const mentioned = startThread(doc, {
      target: { kind: 'claim', id: 'c3' },
      author: bo,
      text: 'Ask @Ann',
      people: [ann, bo],
    });
    const answered = startThread(doc, {
      target: { kind: 'claim', id: 'c4' },
      author: bo,
      text: 'Source?',
    });
    reply(doc, answered.thread, { author: ann, text: 'Here' });
    resolveThread(doc, mine.thread, bo);
    const ids = (f: 'open' | 'resolved' | 'mine') =>
      listThreads(doc, threadFilterFor(f, ann.id)).map((t) => t.id);
    expect(ids('open')).toEqual([theirs.thread, mentioned.thread, answered.thread]);
    expect(ids('resolved')).toEqual([mine.thread]);
    expect(ids('mine')).toEqual([mine.thread, mentioned.thread, answered.thread]);
  });

  it('says what a thread is on, and when that was deleted', () => {
    const text = (id: string) => (id === 'c1' ? 'Cats purr' : '');
    const on = (kind: 'claim' | 'relation' | 'passage', targetExists: boolean, id = 'c1') => ({
      target: { kind, id },
      targetExists,
    });
    expect(targetLabel(on('claim', true), text)).toBe('On claim: Cats purr');
    expect(targetLabel(on('claim', false), text)).toBe('On a deleted claim');
    expect(targetLabel(on('relation', true), text)).toBe('On a reason');
    expect(targetLabel(on('relation', false), text)).toBe('On a deleted reason');
    expect(targetLabel(on('passage', false), text)).toBe('On a deleted passage');
    expect(targetLabel(on('claim', true, 'c9'), text)).toBe('On a claim');
    const quote = (id: string) => (id === 'p1' ? 'the  whole\nquote' : '');
    expect(targetLabel(on('passage', true, 'p1'), text, quote)).toBe(
      'On passage: “the whole quote”',
    );
    expect(targetLabel(on('passage', true, 'p2'), text, quote)).toBe('On a passage');
  });

  it('lists only the claims with a given mark', () => {
    const doc = new Y.Doc();
    markClaim(doc, { claim: 'c1', kind: 'needs-evidence', author: ann });
    markClaim(doc, { claim: 'c2', kind: 'strong', author: ann });
    markClaim(doc, { claim: 'c3', kind: 'needs-evidence', author: bo, note: 'a source?' });
    markClaim(doc, { claim: 'c3', kind: 'unclear', author: ann });
    const marked = claimsMarked(marksByClaim(doc), 'needs-evidence');
    expect(marked.map((m) => m.claim)).toEqual(['c1', 'c3']);
    expect(marked[1]?.marks.map((m) => m.note)).toEqual(['a source?']);
    expect(claimsMarked(marksByClaim(doc), 'off-topic')).toEqual([]);
  });

  it('counts comments in words', () => {
    expect(commentCount(1)).toBe('1 comment');
    expect(commentCount(2)).toBe('2 comments');
  });
});
