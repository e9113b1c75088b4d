import { describe, expect, it } from 'vitest';
import { readPresence } from './presence.ts';

describe('reading a presence (awareness) state', () => {
  it('reads every field a Warrant client writes', () => {
    expect(
      readPresence({
        user: { name: 'Ana', color: '#0969da' },
        editing: 'c1',
        selection: { kind: 'reason', id: 'r1' },
        view: { mode: 'map', x: -10, y: 20, width: 1200, height: 700 },
      }),
    ).toEqual({
      user: { name: 'Ana', color: '#0969da' },
      editing: 'c1',
      selection: { kind: 'reason', id: 'r1' },
      view: { mode: 'map', x: -10, y: 20, width: 1200, height: 700 },
    });
    expect(readPresence({ view: { mode: 'outline' }, selection: null })).toEqual({
      view: { mode: 'outline' },
      selection: null,
    });
  });

  it('drops a malformed field and keeps the rest of the person', () => {
    expect(
      readPresence({
        user: { name: 'Ana' },
        selection: { kind: 'claim', id: 7 },
        view: { mode: 'map', x: 0, y: 0, width: 0, height: 10 },
        editing: 'x'.repeat(65),
      }),
    ).toEqual({ user: { name: 'Ana' } });
    expect(readPresence({ view: { mode: 'map', x: Infinity, y: 0, width: 1, height: 1 } })).toEqual(
      {},
    );
    expect(readPresence(null)).toEqual({});
    expect(readPresence('Ana')).toEqual({});
  });
});
