import { describe, expect, it } from 'vitest';
import { readAnalysisHtml, writeAnalysisHtml } from './analysisText.ts';

describe('readAnalysisHtml', () => {
  it('reads entities, line breaks, blocks, comments and nested highlights into plain text', () => {
    const read = readAnalysisHtml(
      '<p>It&#8217;s <span class="highlighted" id="node4">clear &amp; <span class="highlighted" id="node5">simple</span></span>.</p>' +
        '<!-- a note -->raw\nline&nbsp;<b>bold</b><br>end &unknown;',
    );
    expect(read.text).toBe('It’s clear & simple.\nraw line\u00a0bold\nend &unknown;');
    expect(read.highlights).toEqual([
      { node: '5', start: 13, end: 19 },
      { node: '4', start: 5, end: 19 },
    ]);
    expect(read.sections).toEqual([]);
  });
});

describe('writeAnalysisHtml', () => {
  it('writes texts that read back exactly, highlights where they were', () => {
    const texts = [
      { title: 'A "quoted" <title> & more', text: '\nTwo  spaces, a <tag> & a\ttab.\n\n' },
      { title: 'Second', text: 'Words and words.' },
    ];
    const { html, unmarked } = writeAnalysisHtml([
      {
        ...texts[0]!,
        marks: [
          { node: '1', start: 1, end: 11 },
          { node: '2', start: 5, end: 11 },
          { node: '3', start: 8, end: 20 }, // crosses 1
        ],
      },
      { ...texts[1]!, marks: [{ node: '4', start: 10, end: 15 }] },
    ]);
    expect(unmarked).toEqual(['3']);
    const read = readAnalysisHtml(html);
    expect(read.sections.map((s) => [s.title, read.text.slice(s.start, s.end)])).toEqual(
      texts.map((t) => [t.title, t.text]),
    );
    const [first, second] = read.sections;
    expect(read.highlights).toEqual([
      { node: '2', start: first!.start + 5, end: first!.start + 11 },
      { node: '1', start: first!.start + 1, end: first!.start + 11 },
      { node: '4', start: second!.start + 10, end: second!.start + 15 },
    ]);
  });
});
