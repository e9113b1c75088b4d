import { describe, expect, it } from 'vitest';
import { findAll, readingParagraphs, shortCitation, shortQuote, trimSpan } from './reading.ts';

/** Every paragraph is its source slice with line breaks shown as spaces, one for one. */
function expectExact(text: string, paras: ReturnType<typeof readingParagraphs>): void {
  for (const p of paras) {
    expect(p.text.length).toBe(p.end - p.start);
    expect(text.slice(p.start, p.end).replace(/[\r\n]/g, ' ')).toBe(p.text);
  }
}

/** A hard-wrapped paragraph of about `lines` printed lines of ~70 characters. */
function wrapped(lines: number, last = 'and so it ends here.'): string {
  const line = 'the quick brown fox jumps over the lazy dog and keeps on running far';
  return [...Array.from({ length: lines - 1 }, () => line), last].join('\n');
}

describe('readingParagraphs', () => {
  it('joins hard-wrapped lines and splits at blank lines, one character for one', () => {
    const text = 'First line\nsecond line.\n\n  \nNext para-\ngraph.\n';
    const paras = readingParagraphs(text);
    expect(paras.map((p) => p.text)).toEqual(['First line second line.', 'Next para- graph.']);
    expectExact(text, paras);
  });

  it('reads text saved one paragraph per long line as one paragraph per line', () => {
    const long = (n: number) =>
      `Paragraph ${n} ${'is long enough to be a real paragraph. '.repeat(8)}`;
    const text = [long(1), long(2), long(3)].join('\n');
    const paras = readingParagraphs(text);
    expect(paras).toHaveLength(3);
    expect(paras.map((p) => p.text.slice(0, 11))).toEqual([
      'Paragraph 1',
      'Paragraph 2',
      'Paragraph 3',
    ]);
    expectExact(text, paras);
  });

  it('ends a hard-wrapped paragraph at a short line that ends a sentence', () => {
    const text = `${wrapped(5, 'short and done.')}\n${wrapped(4)}`;
    const paras = readingParagraphs(text);
    expect(paras).toHaveLength(2);
    expect(paras[0]?.text.endsWith('short and done.')).toBe(true);
    expectExact(text, paras);
  });

  it('starts a paragraph at a list item, a heading, a footnote or an indented line', () => {
    const text = [
      wrapped(4),
      '- a list item',
      '# A heading',
      '12  Ibid.',
      wrapped(3, 'the body resumes'),
      ' indented, after a page break',
    ].join('\n');
    const paras = readingParagraphs(text);
    expect(paras.map((p) => p.text.slice(0, 12))).toEqual([
      'the quick br',
      '- a list ite',
      '# A heading',
      '12  Ibid.',
      'the quick br',
      'indented, af',
    ]);
    expectExact(text, paras);
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

  it('finds a phrase across a hard line break, with the source offsets of the match', () => {
    const text = 'NATO is a defensive \nalliance. A (defensive) alliance.';
    expect(findAll(text, 'defensive alliance')).toEqual([[10, 29]]);
    expect(findAll(text, '(defensive)')).toEqual([[33, 44]]);
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
