import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap, readMeta } from '../meta.ts';
import { addClaim, listClaims } from '../records/Claim.ts';
import { exportFileName, MapImportError } from './Format.ts';
import { DEFAULT_FORMAT, FORMAT_IDS, formatById, formats } from './index.ts';
import { exportMap } from './json/exportMap.ts';

function smallMap(): Y.Doc {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Collective security' });
  addClaim(doc, { text: 'NATO deters attack', author: 'ann' });
  return doc;
}

describe('the format registry', () => {
  it('registers each format under its own id, with a media type and an extension', () => {
    for (const id of FORMAT_IDS) {
      const format = formats[id];
      expect(format.id).toBe(id);
      expect(id).toMatch(/^[a-z0-9-]+$/);
      expect(format.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
      expect(format.extension).toMatch(/^[a-z0-9.]+$/);
    }
    expect(FORMAT_IDS).toContain(DEFAULT_FORMAT);
  });

  it('finds a format by id and nothing for an unknown id or an inherited property', () => {
    expect(formatById('json')).toBe(formats.json);
    for (const id of ['JSON', 'argdown', '', 'toString', '__proto__', 'constructor']) {
      expect(formatById(id)).toBeUndefined();
    }
  });

  it('round-trips a map through every format that imports', () => {
    for (const id of FORMAT_IDS) {
      const format = formats[id];
      const text = format.export(smallMap());
      const { doc, report } = format.import(text);
      expect(report).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
      expect(format.export(doc)).toEqual(text);
      expect(listClaims(doc).map((c) => c.text)).toEqual(['NATO deters attack']);
    }
  });
});

describe('Warrant JSON as a format', () => {
  it('exports exactly the JSON form, and reads it from text or UTF-8 bytes', () => {
    const doc = smallMap();
    const text = formats.json.export(doc);
    expect(JSON.parse(text)).toEqual(exportMap(doc));
    const copy = formats.json.import(new TextEncoder().encode(text)).doc;
    expect(readMeta(copy).title).toBe('Collective security');
  });

  it('refuses text that is not JSON, or bytes that are not UTF-8, saying so', () => {
    expect(() => formats.json.import('{"format": ')).toThrow(/not a valid Warrant map.*not JSON/);
    expect(() => formats.json.import(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(MapImportError);
    expect(() => formats.json.import(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(/not UTF-8 text/);
  });
});

describe('exportFileName', () => {
  it('names the file after the map, made safe for any file system', () => {
    expect(exportFileName('Is NATO a collective security mechanism?', formats.json)).toBe(
      'Is NATO a collective security mechanism.json',
    );
    expect(exportFileName('a/b\\c: "d" <e>', formats.json)).toBe('a b c d e.json');
    expect(exportFileName('Ünïcode – kept', formats.json)).toBe('Ünïcode – kept.json');
    expect(exportFileName('x'.repeat(300), formats.json)).toHaveLength(105);
  });

  it('falls back to "map" when the title leaves nothing', () => {
    expect(exportFileName('  ?*  ', formats.json)).toBe('map.json');
    expect(exportFileName('...', formats.json)).toBe('map.json');
  });
});
