import { describe, expect, it } from 'vitest';
import { forgetMap, readRecent, rememberMap } from './recentMaps.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('recent maps', () => {
  it('keeps the most recently opened first, once each, and keeps a known token', () => {
    const s = memory();
    rememberMap({ id: 'a', title: 'A', token: 't' }, s, 1);
    rememberMap({ id: 'b', title: 'B' }, s, 2);
    rememberMap({ id: 'a', title: 'A2' }, s, 3);
    expect(readRecent(s)).toEqual([
      { id: 'a', title: 'A2', openedAt: 3, token: 't' },
      { id: 'b', title: 'B', openedAt: 2 },
    ]);
    expect(forgetMap('a', s).map((m) => m.id)).toEqual(['b']);
  });

  it('survives garbage in storage', () => {
    const s = memory();
    s.setItem('warrant.recent', '{not json');
    expect(readRecent(s)).toEqual([]);
    s.setItem('warrant.recent', JSON.stringify([{ id: 1 }, { id: 'x', title: 'X', openedAt: 5 }]));
    expect(readRecent(s)).toEqual([{ id: 'x', title: 'X', openedAt: 5 }]);
  });
});
