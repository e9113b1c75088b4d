import { describe, expect, it } from 'vitest';
import { findAll, readingParagraphs, shortCitation, shortQuote, trimSpan } from './reading.ts';

describe('readingParagraphs', () => {
  it('joins hard-wrapped lines and splits at blank lines, one character for one', () => {
    const text = 'First line\nsecond line.\n\n  \nNext para-\ngraph.\n';
    const paras = readingParagraphs(text);
    expect(paras.map((p) => p.text)).toEqual(['First line second line.', 'Next para- graph.']);
    for (const p of paras) {
      expect(p.text.length).toBe(p.end - p.start);
      expect(text.slice(p.start, p.end).replace(/\n/g, ' ')).toBe(p.text);
    }
  });
});

describe('reading helpers', () => {
  it('finds every match case-insensitively', () => {
    expect(findAll('NATO and nato and NaTo', 'nato')).toEqual([
      [0, 4],
      [9, 13],
      [18, 22],
    ]);
    expect(findAll('abc', '  ')).toEqual([]);
  });

  it('trims a sloppy selection', () => {
    const t = '  NATO is a defensive alliance.  ';
    expect(trimSpan(t, 0, t.length)).toEqual([2, 31]);
  });

  it('writes short citations and quotes', () => {
    expect(shortCitation({ authors: ['Danielle Reeder'], issued: '2023', title: 'x' })).toBe(
      'Reeder 2023',
    );
    expect(shortCitation({ authors: ['Reeder, Danielle'], issued: '2023-05', title: 'x' })).toBe(
      'Reeder 2023',
    );
    expect(shortCitation({ authors: ['A B', 'C D', 'E F'], issued: '', title: 'x' })).toBe(
      'B et al.',
    );
    expect(shortCitation({ authors: [], issued: '2022', title: 'An op-ed' })).toBe('An op-ed 2022');
    expect(shortQuote('NATO is a defensive alliance.')).toBe('NATO is a defensive alliance.');
    expect(shortQuote('word '.repeat(30), 20).length).toBeLessThanOrEqual(21);
  });
});
