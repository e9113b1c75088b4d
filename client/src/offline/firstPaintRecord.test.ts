import { describe, expect, it } from 'vitest';
import {
  FIRST_PAINT_VERSION,
  firstPaintFor,
  linkFor,
  makeFirstPaintRecord,
  MAX_PICTURE_CHARS,
  type FirstPaintContext,
  type FirstPaintRecord,
} from './firstPaintRecord.ts';
import { readFirstPaint, writeFirstPaint } from './firstPaintStore.ts';

const here: FirstPaintContext = {
  mapId: 'm1',
  link: linkFor('owner-token'),
  build: '/assets/index-abc.js /assets/index-def.css',
  width: 1280,
  height: 800,
};
const PAGE = '<div class="map-page"><div class="react-flow__node">A claim</div></div>';

/** localStorage's interface over a map, as in the page. */
function memory(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('first-paint record', () => {
  it('reads back what was written for the same map, link, build and window', () => {
    const storage = memory();
    const record = makeFirstPaintRecord(here, PAGE, 42);
    expect(record).not.toBeNull();
    expect(writeFirstPaint(record!, storage)).toBe(true);
    expect(firstPaintFor(readFirstPaint('m1', storage), here)).toEqual({
      v: FIRST_PAINT_VERSION,
      ...here,
      html: PAGE,
      savedAt: 42,
    });
  });

  it('is ignored for another map, link, build or window size', () => {
    const storage = memory();
    writeFirstPaint(makeFirstPaintRecord(here, PAGE, 1)!, storage);
    const stored = readFirstPaint('m1', storage);
    expect(firstPaintFor(stored, { ...here, mapId: 'm2' })).toBeNull();
    expect(firstPaintFor(stored, { ...here, link: linkFor('viewer-token') })).toBeNull();
    expect(firstPaintFor(stored, { ...here, link: linkFor('owner-token', 'assignment') })).toBe(
      null,
    );
    expect(firstPaintFor(stored, { ...here, build: '/assets/index-new.js' })).toBeNull();
    expect(firstPaintFor(stored, { ...here, width: 1024 })).toBeNull();
    expect(firstPaintFor(stored, { ...here, height: 700 })).toBeNull();
    expect(firstPaintFor(readFirstPaint('m2', storage), here)).toBeNull();
  });

  it('ignores another format and anything damaged', () => {
    const good = makeFirstPaintRecord(here, PAGE, 1)!;
    const variants: unknown[] = [
      undefined,
      null,
      'a string',
      42,
      [],
      { ...good, v: FIRST_PAINT_VERSION + 1 },
      { ...good, v: undefined },
      { ...good, html: 7 },
      { ...good, html: '' },
      { ...good, html: 'x'.repeat(MAX_PICTURE_CHARS + 1) },
      { ...good, savedAt: 'yesterday' },
      { ...good, width: '1280' },
    ];
    for (const stored of variants) expect(firstPaintFor(stored, here)).toBeNull();
    expect(firstPaintFor(good, here)).toEqual(good satisfies FirstPaintRecord);
  });

  it('keeps no picture that is empty or too large to be worth parsing', () => {
    expect(makeFirstPaintRecord(here, '', 1)).toBeNull();
    expect(makeFirstPaintRecord(here, 'x'.repeat(MAX_PICTURE_CHARS + 1), 1)).toBeNull();
    expect(makeFirstPaintRecord(here, 'x'.repeat(MAX_PICTURE_CHARS), 1)).not.toBeNull();
  });

  it('tells links apart without keeping their tokens', () => {
    expect(linkFor(undefined)).toBe('/');
    expect(linkFor('a')).not.toBe(linkFor('b'));
    expect(linkFor('a')).not.toBe(linkFor('a', 'grading'));
    expect(linkFor('secret-token')).not.toContain('secret');
  });
});
