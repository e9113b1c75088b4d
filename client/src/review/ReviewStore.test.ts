import {
  markClaim,
  resolveThread,
  startThread,
  suggestRewording,
  unmarkClaim,
} from '@warrant/shared';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ReviewStore } from './ReviewStore.ts';

const ann = { id: 'dev-ann', name: 'Ann' };

describe('ReviewStore', () => {
  it('wakes a claim’s views only when its own count, marks or suggestions change', () => {
    const doc = new Y.Doc();
    const store = new ReviewStore(doc);
    const woke: string[] = [];
    store.subscribeClaim('c1', () => woke.push('c1'));
    store.subscribeClaim('c2', () => woke.push('c2'));

    const t = startThread(doc, { target: { kind: 'claim', id: 'c1' }, author: ann, text: 'Hm' });
    expect(store.claim('c1').openThreads).toBe(1);
    expect(woke).toEqual(['c1']);

    markClaim(doc, { claim: 'c2', kind: 'needs-evidence', author: ann });
    expect(store.claim('c2').marks.map((m) => m.kind)).toEqual(['needs-evidence']);
    expect(woke).toEqual(['c1', 'c2']);

    const before = store.claim('c1');
    startThread(doc, { target: { kind: 'relation', id: 'r1' }, author: ann, text: 'Weak link' });
    expect(store.claim('c1')).toBe(before);
    expect(store.openThreadsOn({ kind: 'relation', id: 'r1' })).toBe(1);
    expect(woke).toEqual(['c1', 'c2']);

    suggestRewording(doc, { claim: 'c1', text: 'Better', original: 'Good', author: ann });
    resolveThread(doc, t.thread, ann);
    unmarkClaim(doc, 'c2', 'needs-evidence', ann);
    expect(store.claim('c1')).toMatchObject({ openThreads: 0, suggestions: [{ text: 'Better' }] });
    expect(store.claim('c2').marks).toEqual([]);
    expect(woke).toEqual(['c1', 'c2', 'c1', 'c1', 'c2']);
    store.destroy();
  });
});
