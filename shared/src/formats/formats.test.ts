import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap, readMeta } from '../meta.ts';
import { addClaim, listClaims } from '../records/Claim.ts';
import { exportFileName, MapImportError, type Format } from './Format.ts';
import {
  DEFAULT_FORMAT,
  detectFormat,
  EXPORT_FORMAT_IDS,
  FORMAT_IDS,
  formatById,
  formats,
  IMPORT_FORMAT_IDS,
} from './index.ts';
import { exportMap } from './json/exportMap.ts';
import { loadArgdownParser } from './argdown/parseArgdown.ts';

function smallMap(): Y.Doc {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Collective security' });
  addClaim(doc, { text: 'NATO deters attack', author: 'ann' });
  return doc;
}

// The reference parser loads on first use (it is heavy), as the relay loads it before an import.
beforeAll(() => loadArgdownParser());

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
    for (const id of ['JSON', 'argdown.json', '', 'toString', '__proto__', 'constructor']) {
      expect(formatById(id)).toBeUndefined();
    }
  });

  it('round-trips a map through every format that both exports and imports', () => {
    for (const id of FORMAT_IDS) {
      const format: Format = formats[id];
      if (!format.export || !format.import) continue;
      const text = format.export(smallMap());
      const { doc, report } = format.import(text);
      expect(report.orphanedPassages).toEqual([]);
      expect(listClaims(doc).map((c) => c.text)).toEqual(['NATO deters attack']);
      expect(readMeta(doc).title).toBe('Collective security');
    }
    const original = formats.json.export(smallMap());
    const { doc, report } = formats.json.import(original);
    expect(report).toEqual({ orphanedPassages: [], fuzzyPassages: [], notes: [] });
    expect(formats.json.export(doc)).toEqual(original);
  });

  it('lists which formats export and which import', () => {
    expect(EXPORT_FORMAT_IDS).toEqual(['json', 'argdown', 'aif', 'md']);
    expect(IMPORT_FORMAT_IDS).toEqual(['json', 'argdown', 'aif', 'kialo']);
  });

  it('tells a file’s format from its content, and from its name when the content does not', () => {
    const doc = smallMap();
    expect(detectFormat(formats.json.export(doc))).toBe('json');
    expect(detectFormat(formats.argdown.export!(doc) as string)).toBe('argdown');
    expect(detectFormat(formats.aif.export!(doc) as string)).toBe('aif');
    expect(detectFormat('Discussion Title: Cars?\n\n1. Ban cars\n1.1. Pro: Air')).toBe('kialo');
    expect(detectFormat('{"AIF": {"nodes": []}, "OVA": {}}')).toBe('aif');
    expect(detectFormat('just words', 'debate.argdown')).toBe('argdown');
    expect(detectFormat('[Claim]: words\n  <+ [Other]: more')).toBe('argdown');
    expect(detectFormat('just some words')).toBeUndefined();
    expect(detectFormat('{"x": 1}')).toBeUndefined();
  });

  it('imports a foreign format through the JSON form, noting what it left out', () => {
    const { doc, report } = formats.argdown.import!(
      '# A heading\n\n## Cars\n\n[A]: Cars pollute.\n  <- [B]: Electric cars do not.',
    );
    expect(
      listClaims(doc)
        .map((c) => c.text)
        .sort(),
    ).toEqual(['Cars pollute.', 'Electric cars do not.']);
    expect(report.notes).toContainEqual(
      expect.objectContaining({ kind: 'dropped', at: expect.stringMatching(/^line 3/) }),
    );
    const broken = '[A]: fine\n\n<B>: also fine\n  _> <C> _> <D>\n';
    expect(() => formats.argdown.import!(broken)).toThrow(MapImportError);
    expect(() => formats.argdown.import!(broken)).toThrow(/line 4, column \d+/);
    expect(() => formats.kialo.import!('not kialo')).toThrow(/Kialo/);
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
