import { describe, expect, it } from 'vitest';
import { locateQuote, quoteSelector } from './anchoring.ts';

describe('locateQuote', () => {
  const text = 'NATO is a defensive alliance. Later: NATO is a defensive alliance, some say.';

  it('finds a unique exact quote', () => {
    expect(locateQuote(text, { exact: 'Later' })).toEqual({ start: 30, end: 35 });
  });

  it('picks the occurrence whose context matches', () => {
    const second = text.lastIndexOf('NATO is');
    const selector = quoteSelector(text, { start: second, end: second + 28 });
    expect(locateQuote(text, selector)).toEqual({ start: second, end: second + 28 });
    const first = quoteSelector(text, { start: 0, end: 28 });
    expect(locateQuote(text, first)).toEqual({ start: 0, end: 28 });
  });

  it('uses the position hint to break ties', () => {
    const second = text.lastIndexOf('NATO');
    expect(locateQuote(text, { exact: 'NATO' }, { start: second, end: second + 4 })).toEqual({
      start: second,
      end: second + 4,
    });
  });

  it('matches across line breaks of PDF-extracted text', () => {
    const pdf = 'the archetypical\nexample of a collective security\n mechanism.45 Next';
    const range = locateQuote(pdf, {
      exact: 'archetypical example of a collective security mechanism',
    });
    expect(range).not.toBeNull();
    expect(pdf.slice(range!.start, range!.end)).toBe(
      'archetypical\nexample of a collective security\n mechanism',
    );
  });

  it('returns null for a quote that is not there', () => {
    expect(locateQuote(text, { exact: 'Warsaw Pact' })).toBeNull();
    expect(locateQuote(text, { exact: '' })).toBeNull();
  });
});
