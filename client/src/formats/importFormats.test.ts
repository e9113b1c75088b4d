import { IMPORT_FORMAT_IDS } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import {
  formatToSend,
  IMPORT_CHOICES,
  isImportChoice,
  MAX_IMPORT_BYTES,
  tooLarge,
} from './importFormats.ts';

describe('the import dialog’s formats', () => {
  it('offers exactly the formats the relay imports', () => {
    expect(IMPORT_CHOICES.map((c) => c.id)).toEqual(IMPORT_FORMAT_IDS);
  });

  it('sends the chosen format, and none when the relay can tell from the content', () => {
    expect(formatToSend('kialo', 'anything', 'x.argdown')).toBe('kialo');
    expect(formatToSend('detect', 'Discussion Title: Cars\n\n1. Ban cars.', 'cars.argdown')).toBe(
      undefined,
    );
    expect(formatToSend('detect', '[A]: A claim.', 'a.txt')).toBe(undefined);
  });

  it('sends the format the file name tells when the content alone does not', () => {
    expect(formatToSend('detect', 'Just a statement.', 'plain.argdown')).toBe('argdown');
    expect(formatToSend('detect', 'Just a statement.', 'plain.txt')).toBe(undefined);
    expect(formatToSend('detect', 'Just a statement.')).toBe(undefined);
  });

  it('knows the select’s values and nothing else', () => {
    expect(isImportChoice('detect')).toBe(true);
    expect(isImportChoice('aif')).toBe(true);
    expect(isImportChoice('md')).toBe(false);
    expect(isImportChoice('toString')).toBe(false);
  });

  it('refuses more than 10 MB, saying how big the file is and what to do', () => {
    expect(tooLarge(MAX_IMPORT_BYTES, 'The file')).toBeNull();
    expect(tooLarge(12_345_678, '“big.argdown”')).toMatch(
      /^“big.argdown” is 12.3 MB; .* up to 10.0 MB\. Nothing was imported\. Split/,
    );
  });
});
