import { addClaim, connect, createMap, EXPORT_FORMAT_IDS, formats } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FILE_FORMATS, writeLocally } from './fileFormats.ts';

describe('the export menu’s formats', () => {
  it('are the registry’s export formats, with the registry’s names, types and extensions', () => {
    expect(FILE_FORMATS.map((f) => f.id)).toEqual(EXPORT_FORMAT_IDS);
    for (const f of FILE_FORMATS) {
      const registered = formats[f.id];
      expect([f.name, f.mediaType, f.extension]).toEqual([
        registered.name,
        registered.mediaType,
        registered.extension,
      ]);
    }
  });

  it('write what the registry’s exporters write', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Free tuition' });
    const claim = addClaim(doc, { text: 'Tuition should be free' });
    const rebuttal = addClaim(doc, { text: 'It mostly helps the well-off' });
    connect(doc, { kind: 'rebut', premises: [rebuttal], target: { claim } });
    for (const f of FILE_FORMATS) {
      expect(writeLocally(f, doc)).toEqual(formats[f.id].export?.(doc));
    }
  });
});
