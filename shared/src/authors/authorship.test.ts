import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap } from '../meta.ts';
import { addClaim, claimFragment, removeClaim } from '../records/Claim.ts';
import { cite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { connect } from '../records/Relation.ts';
import { addSource } from '../records/Source.ts';
import { deleteComment, reply } from '../review/Comment.ts';
import { startThread } from '../review/Thread.ts';
import { ann, bob } from '../review/testkit.ts';
import type { AuthorOf } from './authorship.ts';
import {
  authorFigures,
  claimCreator,
  claimCreators,
  claimTextRuns,
  wordsByAuthor,
} from './authorship.ts';

/** Two replicas of one map with known client ids, kept in sync as a relay would. */
function twoWriters() {
  const a = new Y.Doc();
  a.clientID = 1;
  const b = new Y.Doc();
  b.clientID = 2;
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b));
  return [a, b] as const;
}

const authorOf: AuthorOf = (client) => ({ 1: 'ada', 2: 'bob' })[client] ?? null;

/** Types `text` at `offset` of the claim's first paragraph, as the editor does. */
function typeInto(doc: Y.Doc, claim: string, offset: number, text: string): void {
  const paragraph = claimFragment(doc, claim)?.get(0);
  const inline = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(inline instanceof Y.XmlText)) throw new Error('no text to type into');
  inline.insert(offset, text);
}

describe('who did what', () => {
  it('credits each claim to its creator and each word to whoever typed it', () => {
    const [a, b] = twoWriters();
    createMap(a, { title: 'Seminar' });
    const mine = addClaim(a, { text: 'Self-defence is lawful' });
    typeInto(b, mine, 'Self-defence is lawful'.length, ' when armed attacks occur');
    const theirs = addClaim(b, { text: 'Only after an armed attack' });

    expect(claimCreators(a, authorOf)).toEqual(
      new Map([
        [mine, 'ada'],
        [theirs, 'bob'],
      ]),
    );
    expect(claimCreator(b, theirs, authorOf)).toBe('bob');
    expect(claimCreator(b, 'nope', authorOf)).toBeNull();
    expect(claimTextRuns(a, mine, authorOf)).toEqual([
      { text: 'Self-defence is lawful', author: 'ada' },
      { text: ' when armed attacks occur', author: 'bob' },
    ]);
    const figures = authorFigures(a, null, authorOf);
    expect(figures.map((f) => [f.author, f.claims, f.words, f.wordsInOthersClaims])).toEqual([
      ['bob', 1, 9, 4],
      ['ada', 1, 3, 0],
    ]);
  });

  it("keeps each run's formatting: bold, a link, and formatting someone else added", () => {
    const [a, b] = twoWriters();
    createMap(a, { title: 'Seminar' });
    const claim = addClaim(a, {
      content: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'NATO is ' },
              { type: 'text', text: 'defensive', marks: [{ type: 'bold' }] },
              { type: 'text', text: ', see ', marks: [] },
              {
                type: 'text',
                text: 'the treaty',
                marks: [{ type: 'link', attrs: { href: 'https://example.org/treaty' } }],
              },
            ],
          },
        ],
      },
    });
    // Bob makes "NATO" italic: his format items, Ada's letters.
    const paragraph = claimFragment(b, claim)?.get(0);
    const inline = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (!(inline instanceof Y.XmlText)) throw new Error('no text');
    inline.format(0, 4, { italic: {} });
    expect(claimTextRuns(a, claim, authorOf)).toEqual([
      { text: 'NATO', author: 'ada', marks: [{ type: 'italic' }] },
      { text: ' is ', author: 'ada' },
      { text: 'defensive', author: 'ada', marks: [{ type: 'bold' }] },
      { text: ', see ', author: 'ada' },
      {
        text: 'the treaty',
        author: 'ada',
        marks: [{ type: 'link', attrs: { href: 'https://example.org/treaty' } }],
      },
    ]);
    // Taking the formatting off again leaves one plain run.
    inline.format(0, 4, { italic: null });
    expect(claimTextRuns(a, claim, authorOf)?.[0]).toEqual({ text: 'NATO is ', author: 'ada' });
  });

  it('counts reasons, citations and comments by their creators, with first and last activity', () => {
    const [a, b] = twoWriters();
    createMap(a, { title: 'Seminar' });
    const conclusion = addClaim(a, { text: 'A' });
    const premise = addClaim(b, { text: 'B' });
    connect(b, { kind: 'support', premises: [premise], target: { claim: conclusion } });
    const source = addSource(a, {
      title: 'Charter',
      authors: [],
      issued: '1945',
      kind: 'treaty',
      body: 'Nothing shall impair the inherent right of self-defence.',
    });
    const passage = addPassage(a, { source, exact: 'inherent right' });
    cite(b, { claim: premise, passage, stance: 'support' });
    cite(a, { claim: conclusion, passage, stance: 'support' });

    const [ra, rb] = twoWriters();
    const { thread } = startThread(ra, {
      target: { kind: 'claim', id: conclusion },
      author: ann,
      text: 'Which article?',
    });
    reply(rb, thread, { author: bob, text: '51' });
    const gone = reply(rb, thread, { author: bob, text: 'oops' });
    deleteComment(rb, gone, bob);

    const figures = new Map(authorFigures(a, ra, authorOf).map((f) => [f.author, f]));
    expect(figures.get('ada')).toMatchObject({ claims: 1, reasons: 0, citations: 1, comments: 1 });
    expect(figures.get('bob')).toMatchObject({ claims: 1, reasons: 1, citations: 1, comments: 1 });
    const bobs = figures.get('bob');
    expect(bobs?.firstActivity).toBeLessThanOrEqual(bobs?.lastActivity ?? 0);
    expect(bobs?.firstActivity).toBeTypeOf('number');
  });

  it('leaves out what nobody is on record for, and what was removed', () => {
    const [a, b] = twoWriters();
    createMap(a, { title: 'Seminar' });
    const kept = addClaim(a, { text: 'Kept claim' });
    removeClaim(a, addClaim(b, { text: 'Removed claim' }));
    const onlyAda: AuthorOf = (client) => (client === 1 ? 'ada' : null);
    typeInto(b, kept, 0, 'Really ');
    expect(authorFigures(a, null, onlyAda)).toEqual([
      expect.objectContaining({ author: 'ada', claims: 1, words: 2, wordsInOthersClaims: 0 }),
    ]);
    expect(claimTextRuns(a, 'nope', onlyAda)).toBeUndefined();
  });

  it('gives a word to whoever typed most of it, so a fixed typo stays the writer’s', () => {
    expect(
      wordsByAuthor([
        { text: 'recieve', author: 'ada' },
        { text: 'x', author: 'bob' },
        { text: ' well-known, don’t', author: 'ada' },
        { text: '\n', author: null },
        { text: 'ok', author: 'bob' },
      ]),
    ).toEqual(
      new Map([
        ['ada', 3],
        ['bob', 1],
      ]),
    );
  });
});
