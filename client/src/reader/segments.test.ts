import { readingParagraphs } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import { byParagraph, headOffsets, paragraphSegments, type PassageMark } from './segments.ts';

const TEXT = 'Member states rely on the\nUN Charter.19 NATO is a defensive alliance.\n\nNext one.';
const paras = readingParagraphs(TEXT);
const at = (words: string) => TEXT.indexOf(words);

function mark(id: string, words: string, tone: PassageMark['tone'] = 'support'): PassageMark {
  return { id, start: at(words), end: at(words) + words.length, tone };
}

describe('paragraphSegments', () => {
  it('cuts a paragraph at passages and search matches, with source offsets', () => {
    const para = paras[0]!;
    const passages = [mark('p', 'NATO is a defensive alliance.')];
    const heads = headOffsets(paras, passages);
    const segs = paragraphSegments(para, passages, heads, [[at('UN'), at('UN') + 2]], undefined);
    expect(segs.map((s) => TEXT.slice(s.start, s.end))).toEqual([
      'Member states rely on the\n',
      'UN',
      ' Charter.19 ',
      'NATO is a defensive alliance.',
    ]);
    expect(segs.map((s) => s.match)).toEqual(['none', 'match', 'none', 'none']);
    expect(segs[3]).toMatchObject({ passages: ['p'], heads: ['p'], tone: 'support' });
  });

  it('gives every passage a head, even one inside another or quoting the same words', () => {
    const passages = [
      mark('outer', 'NATO is a defensive alliance.', 'rebut'),
      mark('inner', 'defensive alliance'),
      mark('twin', 'NATO is a defensive alliance.', 'rebut'),
    ];
    const heads = headOffsets(paras, passages);
    const segs = paragraphSegments(paras[0]!, passages, heads, [], undefined);
    const headed = segs.flatMap((s) => s.heads);
    expect(headed.sort()).toEqual(['inner', 'outer', 'twin']);
    const inner = segs.find((s) => s.heads.includes('inner'));
    expect(inner?.passages).toEqual(['outer', 'twin', 'inner']);
    expect(inner?.tone).toBe('mixed');
  });

  it('marks the current search match apart from the others', () => {
    const hits: [number, number][] = [
      [at('Member'), at('Member') + 6],
      [at('NATO'), at('NATO') + 4],
    ];
    const segs = paragraphSegments(paras[0]!, [], new Map(), hits, hits[1]);
    expect(segs.filter((s) => s.match !== 'none').map((s) => s.match)).toEqual([
      'match',
      'current',
    ]);
  });

  it('starts the highlight of a passage that begins between paragraphs at the next one', () => {
    const start = at('alliance.') + 'alliance.'.length;
    const passages: PassageMark[] = [{ id: 'gap', start, end: at('Next') + 4, tone: 'support' }];
    const heads = headOffsets(paras, passages);
    expect(heads.get('gap')).toBe(at('Next'));
    const segs = paragraphSegments(paras[1]!, passages, heads, [], undefined);
    expect(segs[0]).toMatchObject({ heads: ['gap'], start: at('Next') });
  });

  it('buckets ranges by the paragraphs they overlap', () => {
    const ranges: [number, number][] = [
      [at('Member'), at('Member') + 6],
      [at('alliance'), at('Next') + 2],
      [at('Next'), at('Next') + 4],
    ];
    expect(byParagraph(paras, ranges, (r) => r)).toEqual([
      [ranges[0], ranges[1]],
      [ranges[1], ranges[2]],
    ]);
  });
});
