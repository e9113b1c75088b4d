import { parseMentions } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import { completeMention, matchPeople, mentionAt } from './mentionComplete.ts';

const ann = { id: 'a', name: 'Ann Lee' };
const bo = { id: 'b', name: 'Bo' };
const lea = { id: 'l', name: 'Leandro' };

describe('mention completion', () => {
  it('finds the @name being typed at the caret, not an e-mail address', () => {
    expect(mentionAt('Ask @An', 7)).toEqual({ at: 4, query: 'An' });
    expect(mentionAt('@', 1)).toEqual({ at: 0, query: '' });
    expect(mentionAt('Ask @Ann Le', 11)).toEqual({ at: 4, query: 'Ann Le' });
    expect(mentionAt('mail ann@example.org', 20)).toBeNull();
    expect(mentionAt('no mention here', 15)).toBeNull();
    expect(mentionAt('@Ann\nnext line', 14)).toBeNull();
  });

  it('offers names that start with the query before names with a word that does', () => {
    expect(matchPeople([lea, ann, bo], 'le')).toEqual([lea, ann]);
    expect(matchPeople([lea, ann, bo], '')).toEqual([lea, ann, bo]);
    expect(matchPeople([lea, ann, bo], 'x')).toEqual([]);
    expect(matchPeople([lea, ann, bo], '', 2)).toHaveLength(2);
  });

  it('completes to the full name, which the model then reads as a mention of that person', () => {
    const text = 'Ask @an about this';
    const query = mentionAt(text, 7);
    expect(query).not.toBeNull();
    const done = completeMention(text, query!, 7, ann);
    expect(done.text).toBe('Ask @Ann Lee about this');
    expect(done.text.slice(0, done.caret)).toBe('Ask @Ann Lee ');
    // Past the completed name, nothing is offered any more.
    expect(mentionAt(done.text, done.caret)).toBeNull();
    expect(parseMentions(done.text, [ann, bo, lea])).toEqual([ann]);
  });
});
