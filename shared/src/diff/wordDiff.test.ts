import { describe, expect, it } from 'vitest';
import { diffWords, tokenize } from './wordDiff.ts';

const side = (ops: ReturnType<typeof diffWords>, skip: 'insert' | 'delete') =>
  ops
    .filter((o) => o.op !== skip)
    .map((o) => o.text)
    .join('');

describe('diffWords', () => {
  it('marks the one reworded word and keeps the punctuation around it', () => {
    expect(diffWords('Energy is cheap, for now.', 'Energy is cheaper, for now.')).toEqual([
      { op: 'equal', text: 'Energy is ' },
      { op: 'delete', text: 'cheap' },
      { op: 'insert', text: 'cheaper' },
      { op: 'equal', text: ', for now.' },
    ]);
  });

  it('finds inserted and deleted words in the middle', () => {
    expect(
      diffWords('NATO is a defensive alliance', 'NATO is not a purely defensive pact'),
    ).toEqual([
      { op: 'equal', text: 'NATO is ' },
      { op: 'insert', text: 'not ' },
      { op: 'equal', text: 'a ' },
      { op: 'insert', text: 'purely ' },
      { op: 'equal', text: 'defensive ' },
      { op: 'delete', text: 'alliance' },
      { op: 'insert', text: 'pact' },
    ]);
  });

  it('gives back both texts, for any pair', () => {
    const pairs: [string, string][] = [
      ['', 'all new'],
      ['all gone', ''],
      ['a b c d e', 'e d c b a'],
      ['same', 'same'],
      ['Ünïcode wörds — dashes', 'Unicode words - dashes'],
    ];
    for (const [a, b] of pairs) {
      const ops = diffWords(a, b);
      expect(side(ops, 'insert')).toBe(a);
      expect(side(ops, 'delete')).toBe(b);
    }
  });

  it('splits into words, spaces and punctuation', () => {
    expect(tokenize("It's  well-known.")).toEqual(["It's", '  ', 'well-known', '.']);
  });
});
