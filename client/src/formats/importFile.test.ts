import { describe, expect, it } from 'vitest';
import { decodeMapText, ImportFileError } from './importFile.ts';

describe('reading a map file', () => {
  it('reads UTF-8 and drops a byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFF[A]: Zoë’s claim.');
    expect(decodeMapText(bytes, 'a.argdown')).toBe('[A]: Zoë’s claim.');
  });

  it('refuses bytes that are not UTF-8 and an empty file, naming the file', () => {
    expect(() => decodeMapText(new Uint8Array([0x5b, 0x41, 0xff, 0xfe]), 'a.bin')).toThrow(
      ImportFileError,
    );
    expect(() => decodeMapText(new Uint8Array([0xff]), 'a.bin')).toThrow(/“a.bin” is not UTF-8/);
    expect(() => decodeMapText(new TextEncoder().encode('  \n'), 'e.txt')).toThrow(/empty/);
  });
});
