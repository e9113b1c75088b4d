import { describe, expect, it } from 'vitest';
import { sourceMetaOf } from './useSourceFields.ts';

describe('sourceMetaOf', () => {
  it('trims the fields and splits authors at semicolons and line breaks, dropping blanks', () => {
    expect(
      sourceMetaOf({
        title: '  Article 5  ',
        authors: 'Ada Lovelace; ;Grace Hopper\n  Alan Turing ;',
        issued: ' 2022-03-05 ',
        kind: 'op-ed',
        url: ' https://example.org/a ',
      }),
    ).toEqual({
      title: 'Article 5',
      authors: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'],
      issued: '2022-03-05',
      kind: 'op-ed',
      url: 'https://example.org/a',
    });
  });

  it('leaves the URL out when its field is blank', () => {
    const meta = sourceMetaOf({ title: 'T', authors: '', issued: '', kind: 'book', url: '   ' });
    expect(meta).toEqual({ title: 'T', authors: [], issued: '', kind: 'book' });
    expect('url' in meta).toBe(false);
  });
});
