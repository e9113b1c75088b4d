import { describe, expect, it } from 'vitest';
import { parseReferenceLink } from './referenceLink.ts';

describe('parseReferenceLink', () => {
  it('reads a share link with its token, a path, and a bare id', () => {
    expect(parseReferenceLink(' https://warrant.example/maps/Abc_12-x#token=s3cret ')).toEqual({
      mapId: 'Abc_12-x',
      token: 's3cret',
    });
    expect(parseReferenceLink('/maps/Abc_12-x')).toEqual({ mapId: 'Abc_12-x' });
    expect(parseReferenceLink('Abc_12-x')).toEqual({ mapId: 'Abc_12-x' });
  });

  it('refuses what names no map', () => {
    expect(parseReferenceLink('')).toBeNull();
    expect(parseReferenceLink('https://warrant.example/')).toBeNull();
    expect(parseReferenceLink('not a map id!')).toBeNull();
  });
});
