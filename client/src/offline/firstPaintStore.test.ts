import { describe, expect, it } from 'vitest';
import { makeFirstPaintRecord, type FirstPaintRecord } from './firstPaintRecord.ts';
import { MAX_KEPT, readFirstPaint, writeFirstPaint } from './firstPaintStore.ts';

/** localStorage's interface over a map, refusing to hold more than `quota` characters. */
function memory(quota = Infinity) {
  const data = new Map<string, string>();
  const used = () => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      const before = data.get(k);
      data.set(k, v);
      if (used() > quota) {
        if (before === undefined) data.delete(k);
        else data.set(k, before);
        throw new DOMException('full', 'QuotaExceededError');
      }
    },
    removeItem: (k: string) => void data.delete(k),
  };
}

const record = (mapId: string, html = `<div class="map-page">${mapId}</div>`): FirstPaintRecord =>
  makeFirstPaintRecord({ mapId, link: '/', build: 'b', width: 800, height: 600 }, html, 1)!;

describe('first-paint store', () => {
  it('keeps the pictures of the maps written last, dropping the oldest', () => {
    const storage = memory();
    for (let i = 0; i <= MAX_KEPT; i++) writeFirstPaint(record(`m${i}`), storage);
    expect(readFirstPaint('m0', storage)).toBeUndefined();
    for (let i = 1; i <= MAX_KEPT; i++) expect(readFirstPaint(`m${i}`, storage)).toBeDefined();
    // Written again, a map is the newest once more, whatever it was before.
    writeFirstPaint(record('m1', '<p>again</p>'), storage);
    writeFirstPaint(record('n'), storage);
    expect(readFirstPaint('m1', storage)).toMatchObject({ html: '<p>again</p>' });
    expect(readFirstPaint('m2', storage)).toBeUndefined();
  });

  it('makes room in full storage by dropping older pictures, and else keeps none', () => {
    const storage = memory(1000);
    storage.setItem('warrant.name', 'x'.repeat(300)); // someone else's entry: never dropped
    expect(writeFirstPaint(record('a', 'a'.repeat(250)), storage)).toBe(true);
    expect(writeFirstPaint(record('b', 'b'.repeat(250)), storage)).toBe(true);
    expect(readFirstPaint('a', storage)).toBeUndefined();
    expect(readFirstPaint('b', storage)).toBeDefined();
    expect(writeFirstPaint(record('c', 'c'.repeat(900)), storage)).toBe(false);
    expect(readFirstPaint('c', storage)).toBeUndefined();
    expect(storage.getItem('warrant.name')).toHaveLength(300);
  });

  it('reads nothing from damaged or missing storage', () => {
    const storage = memory();
    storage.setItem('warrant.firstPaint.m', '{not json');
    expect(readFirstPaint('m', storage)).toBeUndefined();
    expect(readFirstPaint('m', null)).toBeUndefined();
    expect(writeFirstPaint(record('m'), null)).toBe(false);
    storage.setItem('warrant.firstPaints', '"not a list"');
    expect(writeFirstPaint(record('m'), storage)).toBe(true);
    expect(readFirstPaint('m', storage)).toMatchObject({ mapId: 'm' });
  });
});
