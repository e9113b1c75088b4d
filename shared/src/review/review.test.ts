import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reply } from './Comment.ts';
import { listMarks, markClaim } from './Mark.ts';
import { observeReview, type ReviewChange } from './observe.ts';
import { listThreads, reviewPeople } from './queries.ts';
import { checkReviewVersion, reviewCollections } from './schema.ts';
import { listSuggestions, suggestClaim } from './Suggestion.ts';
import { ann, bob, cy, syncedPair } from './testkit.ts';
import { getThread, reopenThread, resolveThread, startThread } from './Thread.ts';

describe('the review document', () => {
  it('converges when two replicas write at once, offline, then sync', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const target = { kind: 'claim', id: 'c1' } as const;
    const { thread } = startThread(a, { target, author: ann, text: 'first' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // Offline: both reply, one resolves while the other reopens, both mark the same claim.
    reply(a, thread, { author: ann, text: 'from a' });
    reply(b, thread, { author: bob, text: 'from b' });
    resolveThread(a, thread, ann);
    markClaim(a, { claim: 'c1', kind: 'strong', author: ann });
    markClaim(b, { claim: 'c1', kind: 'strong', author: bob });
    markClaim(b, { claim: 'c1', kind: 'unclear', author: ann, note: 'from b' });
    suggestClaim(b, { claim: 'c1', stance: 'support', text: 'S', author: bob });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getThread(a, thread)).toEqual(getThread(b, thread));
    expect(
      getThread(a, thread)
        ?.comments.map((c) => c.text)
        .sort(),
    ).toEqual(['first', 'from a', 'from b']);
    expect(getThread(a, thread)?.resolved).toBe(true);
    expect(listMarks(a)).toEqual(listMarks(b));
    expect(listMarks(a)).toHaveLength(3);
    expect(listSuggestions(a)).toEqual(listSuggestions(b));
    expect(listSuggestions(a)).toHaveLength(1);
  });

  it('reports what each transaction changed, local or remote', () => {
    const [a, b] = syncedPair();
    const changes: ReviewChange[] = [];
    const stop = observeReview(b, (c) => changes.push(c));
    const { thread } = startThread(a, {
      target: { kind: 'claim', id: 'c' },
      author: ann,
      text: 'x',
    });
    reply(b, thread, { author: bob, text: 'y' });
    markClaim(a, { claim: 'c', kind: 'unclear', author: ann });
    const suggestion = suggestClaim(b, { claim: 'c', stance: 'rebut', text: 'z', author: cy });
    reopenThread(a, thread, ann); // not resolved: no change, no report
    stop();
    resolveThread(a, thread, ann); // after unsubscribing
    expect(
      changes.map((c) => ({
        local: c.origin !== a,
        threads: [...c.threads],
        marks: [...c.marks],
        suggestions: [...c.suggestions],
      })),
    ).toEqual([
      { local: false, threads: [thread], marks: [], suggestions: [] },
      { local: true, threads: [thread], marks: [], suggestions: [] },
      { local: false, threads: [], marks: ['c'], suggestions: [] },
      { local: true, threads: [], marks: [], suggestions: [suggestion] },
    ]);
    expect(reviewPeople(b).map((p) => p.name)).toEqual(['Ann Lee', 'Bob', 'Cy']);
  });

  it('refuses to write a review document from a newer Warrant, and skips foreign records', () => {
    const doc = new Y.Doc();
    reviewCollections(doc).threads.type.set('t', 'not a record');
    reviewCollections(doc).comments.type.set('c', new Y.Map());
    expect(listThreads(doc, { status: 'all' })).toEqual([]);
    reviewCollections(doc).meta.set('schemaVersion', 99);
    expect(() => checkReviewVersion(doc)).toThrow(/newer Warrant/);
    expect(() =>
      startThread(doc, { target: { kind: 'claim', id: 'c' }, author: ann, text: 'x' }),
    ).toThrow(/newer Warrant/);
  });
});
