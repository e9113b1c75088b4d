import { describe, expect, it } from 'vitest';
import {
  fileKind,
  ImportError,
  looksLikeText,
  MAX_FILE_BYTES,
  plainFileText,
  tidy,
} from './extractText.ts';

const file = (name: string, size = 10, type = '') => ({ name, size, type });

describe('fileKind', () => {
  it('knows text, Markdown, HTML and PDF by name or type', () => {
    expect(fileKind(file('notes.TXT'))).toBe('text');
    expect(fileKind(file('README.md'))).toBe('markdown');
    expect(fileKind(file('page.htm'))).toBe('html');
    expect(fileKind(file('article.pdf'))).toBe('pdf');
    expect(fileKind(file('download', 10, 'application/pdf'))).toBe('pdf');
    expect(fileKind(file('clipboard', 10, 'text/plain'))).toBe('text');
  });

  it('refuses other kinds of file, saying which kinds it reads', () => {
    expect(() => fileKind(file('slides.pptx'))).toThrow(ImportError);
    expect(() => fileKind(file('slides.pptx'))).toThrow(/Use a \.txt, \.md, \.html or \.pdf file/);
  });

  it('refuses a file over the size limit, naming the limit', () => {
    expect(() => fileKind(file('big.txt', MAX_FILE_BYTES))).not.toThrow();
    expect(() => fileKind(file('big.txt', MAX_FILE_BYTES + 1))).toThrow(
      /“big\.txt” is 10\.0 MB; the limit is 10\.0 MB\. Nothing was imported\./,
    );
    expect(() => fileKind(file('huge.pdf', 25 * 1024 * 1024))).toThrow(/25\.0 MB/);
  });
});

describe('file text', () => {
  it('keeps a text file as it is, but for a byte-order mark and Windows line ends', () => {
    const raw = '\uFEFFNATO is a defensive \r\nalliance.  \r\n\r\n  Indented.';
    expect(plainFileText(raw)).toBe('NATO is a defensive \nalliance.  \n\n  Indented.');
  });

  it('tells text from a binary file renamed to .txt', () => {
    expect(looksLikeText('Plain words, “curly quotes” and – dashes.')).toBe(true);
    expect(looksLikeText('\u0000\u0001PNG\uFFFD\uFFFD\uFFFD binary')).toBe(false);
  });

  it('tidies extracted text: no blank-line runs, no spaces at line ends or starts', () => {
    expect(tidy('  Title \n\n\n\n   First line\t\nsecond\r\n')).toBe('Title\n\nFirst line\nsecond');
  });
});
