import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listMarks, markClaim, marksByClaim, unmarkClaim } from './Mark.ts';
import { reviewCollections } from './schema.ts';
import { ann, bob } from './testkit.ts';

describe('review marks', () => {
  it('keeps one mark per person, claim and kind; marking again replaces the note', () => {
    const doc = new Y.Doc();
    markClaim(doc, { claim: 'c1', kind: 'needs-evidence', author: ann, note: 'cite it' });
    markClaim(doc, { claim: 'c1', kind: 'needs-evidence', author: ann, note: 'a survey?' });
    markClaim(doc, { claim: 'c1', kind: 'needs-evidence', author: bob });
    markClaim(doc, { claim: 'c1', kind: 'strong', author: ann });
    expect(listMarks(doc, { claim: 'c1' }).map((m) => [m.author.id, m.kind, m.note])).toEqual([
      [ann.id, 'needs-evidence', 'a survey?'],
      [bob.id, 'needs-evidence', ''],
      [ann.id, 'strong', ''],
    ]);
    expect(listMarks(doc, { kind: 'strong' })).toHaveLength(1);
    expect(listMarks(doc, { author: bob.id }).map((m) => m.kind)).toEqual(['needs-evidence']);
  });

  it("removes only one's own mark", () => {
    const doc = new Y.Doc();
    markClaim(doc, { claim: 'c1', kind: 'unclear', author: ann });
    markClaim(doc, { claim: 'c1', kind: 'unclear', author: bob });
    unmarkClaim(doc, 'c1', 'unclear', bob);
    unmarkClaim(doc, 'c1', 'off-topic', bob); // none: nothing happens
    expect(listMarks(doc).map((m) => m.author.id)).toEqual([ann.id]);
  });

  it('refuses an unknown kind or an overlong note, and groups marks by claim', () => {
    const doc = new Y.Doc();
    expect(() => markClaim(doc, { claim: 'c', kind: 'great' as 'strong', author: ann })).toThrow(
      /needs-evidence, unclear, strong, off-topic/,
    );
    expect(() =>
      markClaim(doc, { claim: 'c', kind: 'unclear', author: ann, note: 'x'.repeat(1001) }),
    ).toThrow(/at most 1000/);
    markClaim(doc, { claim: 'a', kind: 'off-topic', author: ann });
    markClaim(doc, { claim: 'b', kind: 'strong', author: bob });
    expect([...marksByClaim(doc).keys()]).toEqual(['a', 'b']);
  });

  it('ignores a mark a foreign writer put under a key that is not its own', () => {
    const doc = new Y.Doc();
    reviewCollections(doc).marks.set('c1:strong:someone-else', {
      claim: 'c1',
      kind: 'strong',
      note: '',
      author: ann,
      createdAt: 1,
    });
    reviewCollections(doc).marks.set('junk', 42);
    expect(listMarks(doc)).toEqual([]);
  });
});
