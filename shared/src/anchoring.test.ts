import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boundedDistance, locateQuote, quoteSelector, type TextRange } from './anchoring.ts';

const reeder = readFileSync(
  fileURLToPath(
    new URL(
      '../../fixtures/sources/reeder-2023-regionalised-collective-security.txt',
      import.meta.url,
    ),
  ),
  'utf8',
);

/** The range of the only occurrence of `words` in `text` (the test's own ground truth). */
function rangeOf(text: string, words: string, from = 0): TextRange {
  const start = text.indexOf(words, from);
  if (start === -1) throw new Error(`fixture lacks "${words}"`);
  return { start, end: start + words.length };
}

describe('locateQuote', () => {
  const text = 'NATO is a defensive alliance. Later: NATO is a defensive alliance, some say.';

  it('finds a unique exact quote', () => {
    expect(locateQuote(text, { exact: 'Later' })).toEqual({
      start: 30,
      end: 35,
      quality: 'exact',
    });
  });

  it('picks the occurrence whose context matches', () => {
    const second = text.lastIndexOf('NATO is');
    const selector = quoteSelector(text, { start: second, end: second + 28 });
    expect(locateQuote(text, selector)).toMatchObject({ start: second, end: second + 28 });
    const first = quoteSelector(text, { start: 0, end: 28 });
    expect(locateQuote(text, first)).toMatchObject({ start: 0, end: 28 });
  });

  it('uses the position hint to break ties', () => {
    const second = text.lastIndexOf('NATO');
    expect(locateQuote(text, { exact: 'NATO' }, { start: second, end: second + 4 })).toEqual({
      start: second,
      end: second + 4,
      quality: 'exact',
    });
  });

  it('matches across line breaks of PDF-extracted text', () => {
    const pdf = 'the archetypical\nexample of a collective security\n mechanism.45 Next';
    const range = locateQuote(pdf, {
      exact: 'archetypical example of a collective security mechanism',
    });
    expect(range?.quality).toBe('loose');
    expect(pdf.slice(range!.start, range!.end)).toBe(
      'archetypical\nexample of a collective security\n mechanism',
    );
  });

  it('returns null for a quote that is not there', () => {
    expect(locateQuote(text, { exact: 'Warsaw Pact' })).toBeNull();
    expect(locateQuote(text, { exact: '' })).toBeNull();
  });
});

describe('locateQuote on the Reeder article: loose and fuzzy re-anchoring', () => {
  const footnoted = rangeOf(reeder, 'of the UN Charter.19 NATO is a defensive alliance.');
  const words = (r: TextRange | null) => (r ? reeder.slice(r.start, r.end) : null);

  it('finds a quote whose footnote number "19" was removed, by its context', () => {
    const selector = quoteSelector(reeder, footnoted);
    const quote = { ...selector, exact: 'of the UN Charter. NATO is a defensive alliance.' };
    const found = locateQuote(reeder, quote);
    expect(found).toEqual({ ...footnoted, quality: 'fuzzy' });
    // Also with only the position hint (no context at all).
    expect(locateQuote(reeder, { exact: quote.exact }, footnoted)).toEqual(found);
    // Without context or hint there is nowhere to look: not found, rather than guessed.
    expect(locateQuote(reeder, { exact: quote.exact })).toBeNull();
  });

  it('finds a quote with a one-letter typo', () => {
    const range = rangeOf(reeder, 'this article questions the ideal of ‘collective security’');
    const quote = {
      ...quoteSelector(reeder, range),
      exact: 'this article questons the ideal of ‘collective security’',
    };
    expect(locateQuote(reeder, quote)).toEqual({ ...range, quality: 'fuzzy' });
  });

  it('finds a straight apostrophe for a curly one, even without context (loose)', () => {
    const range = rangeOf(reeder, 'The United Kingdom’s decision to leave the European Union');
    const exact = "The United Kingdom's decision to leave the European Union";
    expect(locateQuote(reeder, { exact })).toEqual({ ...range, quality: 'loose' });
    // A typo on top of it: fuzzy, and the folded apostrophe costs nothing.
    const typo = { ...quoteSelector(reeder, range), exact: exact.replace('leave', 'laeve') };
    expect(locateQuote(reeder, typo)).toEqual({ ...range, quality: 'fuzzy' });
  });

  it('folds dashes and non-breaking spaces', () => {
    const src = 'the regional\u2013international divide, as\u00a0Reeder puts it, matters';
    const found = locateQuote(src, { exact: 'regional-international divide, as Reeder puts it' });
    expect(found).toMatchObject({ quality: 'loose' });
    expect(src.slice(found!.start, found!.end)).toBe(
      'regional\u2013international divide, as\u00a0Reeder puts it',
    );
  });

  it('chooses between two similar spots by context, then by the position hint', () => {
    const sentence = 'NATO is a defensive alliance.';
    const other = 'Some argue otherwise: ';
    // The same sentence again, later, in a different context.
    const text = `${reeder}\n${other}${sentence} And the debate goes on from there.`;
    const late = rangeOf(text, sentence, reeder.length);
    const early = rangeOf(text, sentence);
    const typo = 'NATO is a defensive aliance.';
    expect(locateQuote(text, { ...quoteSelector(text, late), exact: typo })).toEqual({
      ...late,
      quality: 'fuzzy',
    });
    expect(locateQuote(text, { ...quoteSelector(text, early), exact: typo })).toEqual({
      ...early,
      quality: 'fuzzy',
    });
    // Context outranks a hint that points at the other spot.
    expect(locateQuote(text, { ...quoteSelector(text, late), exact: typo }, early)).toEqual({
      ...late,
      quality: 'fuzzy',
    });
    const prefixOnly = { ...quoteSelector(text, late), exact: typo, suffix: 'not in the text' };
    expect(locateQuote(text, prefixOnly, early)).toEqual({ ...late, quality: 'fuzzy' });
    // Identical contexts: the hint decides.
    const twice = `${reeder}${reeder}`;
    const selector = { ...quoteSelector(reeder, footnoted), exact: 'of the UN Charter. NATO' };
    const second = { start: footnoted.start + reeder.length, end: footnoted.end };
    expect(locateQuote(twice, selector, second)?.start).toBe(second.start);
    expect(locateQuote(twice, selector, footnoted)?.start).toBe(footnoted.start);
  });

  it('uses one side of the context when the other is missing (start or end of a source)', () => {
    const start = reeder.trimStart();
    const opening = rangeOf(start, 'SEARCHING FOR CLARITY AND DISTINCTION');
    expect(opening.start).toBe(0);
    const head = {
      ...quoteSelector(start, opening),
      exact: 'SEARCHING FOR CLARTY AND DISTINCTION',
    };
    expect(head.prefix).toBe('');
    expect(locateQuote(start, head)).toEqual({ ...opening, quality: 'fuzzy' });

    const end = reeder.trimEnd();
    const closing = rangeOf(end, 'is a practice that warrants continual review.');
    expect(closing.end).toBe(end.length);
    const tail = {
      ...quoteSelector(end, closing),
      exact: 'is a practise that warrants continual review.',
    };
    expect(tail.suffix).toBe('');
    expect(locateQuote(end, tail)).toEqual({ ...closing, quality: 'fuzzy' });

    // A suffix that was edited away: the prefix alone still leads to the words.
    const selector = quoteSelector(reeder, footnoted);
    const quote = {
      ...selector,
      exact: 'of the UN Charter. NATO is a defensive alliance.',
      suffix: 'something else entirely, not in this text',
    };
    expect(words(locateQuote(reeder, quote))).toBe(
      'of the UN Charter.19 NATO is a defensive alliance.',
    );
  });

  it('takes the whole span between prefix and suffix, words added at its edge included', () => {
    const selector = quoteSelector(reeder, footnoted);
    const quote = { ...selector, exact: 'of the UN Charter. NATO is a defensive alliance.' };
    const edited =
      reeder.slice(0, footnoted.start) +
      'namely of the UN Charter.19 NATO is a defensive alliance.' +
      reeder.slice(footnoted.end);
    const found = locateQuote(edited, quote, footnoted);
    expect(found?.quality).toBe('fuzzy');
    expect(edited.slice(found!.start, found!.end)).toBe(
      'namely of the UN Charter.19 NATO is a defensive alliance.',
    );
  });

  it('rejects a different sentence in the same place', () => {
    const selector = quoteSelector(reeder, footnoted);
    const different = { ...selector, exact: 'of the Warsaw Pact, which was not a real alliance.' };
    expect(different.exact.length).toBe(footnoted.end - footnoted.start);
    expect(locateQuote(reeder, different, footnoted)).toBeNull();
  });

  it('rejects a quote whose words were mostly deleted from the source', () => {
    const selector = quoteSelector(reeder, footnoted);
    const edited =
      reeder.slice(0, footnoted.start) + 'of the UN. NATO.' + reeder.slice(footnoted.end);
    expect(locateQuote(edited, selector, footnoted)).toBeNull();
    // But a small edit of the source is followed.
    const cleaned =
      reeder.slice(0, footnoted.start) +
      'of the UN Charter. NATO is a defensive alliance.' +
      reeder.slice(footnoted.end);
    const found = locateQuote(cleaned, selector, footnoted);
    expect(found?.quality).toBe('fuzzy');
    expect(cleaned.slice(found!.start, found!.end)).toBe(
      'of the UN Charter. NATO is a defensive alliance.',
    );
  });

  it('stays linear: a fuzzy quote in a 5,000,000-character source', () => {
    const copies = Math.ceil(5_000_000 / (reeder.length + 1));
    const big = Array.from({ length: copies }, () => reeder)
      .join('\n')
      .slice(0, 5_000_000);
    expect(big.length).toBe(5_000_000);
    const last = copies - 2;
    const at = (r: TextRange) => ({
      start: r.start + last * (reeder.length + 1),
      end: r.end + last * (reeder.length + 1),
    });
    const selector = quoteSelector(reeder, footnoted);
    const fuzzy = { ...selector, exact: 'of the UN Charter. NATO is a defensive alliance.' };
    const t0 = performance.now();
    expect(locateQuote(big, fuzzy, at(footnoted))).toEqual({ ...at(footnoted), quality: 'fuzzy' });
    const fuzzyMs = performance.now() - t0;
    // Worst case: found by no stage (every probe scanned, every window compared).
    const t1 = performance.now();
    expect(
      locateQuote(big, { ...selector, exact: 'Nothing like this is in it.' }, at(footnoted)),
    ).toBeNull();
    const missMs = performance.now() - t1;
    console.warn(`5M chars: fuzzy ${fuzzyMs.toFixed(0)} ms, miss ${missMs.toFixed(0)} ms`);
    expect(fuzzyMs).toBeLessThan(5000);
    expect(missMs).toBeLessThan(5000);
  });
});

describe('boundedDistance', () => {
  it('is the Levenshtein distance up to k, and k + 1 beyond', () => {
    expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedDistance('kitten', 'sitting', 2)).toBe(3);
    expect(boundedDistance('', 'abc', 5)).toBe(3);
    expect(boundedDistance('abc', 'abc', 0)).toBe(0);
    expect(boundedDistance('flaw', 'lawn', 2)).toBe(2);
    expect(boundedDistance('abcdef', 'azcdxf', 4)).toBe(2);
  });
});
