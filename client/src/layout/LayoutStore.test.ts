import type { RelationView } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import type { MapStructure } from '../session/MapStore.ts';
import { LayoutStore } from './LayoutStore.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const support = (id: string, premise: string, target: string): RelationView => ({
  id,
  kind: 'support',
  premises: [premise],
  target: { claim: target },
  author: '',
  createdAt: 0,
});

function structure(claims: string[], relations: RelationView[]): MapStructure {
  return { title: 't', claims, relations, roots: new Set([claims[0] ?? '']) };
}

describe('LayoutStore', () => {
  // Loading and compiling ELK's bundle takes seconds on a busy machine (it timed out at the
  // default 5 s under load): what this protects is where cards go, not how fast.
  it(
    'lays a small map out with ELK once, then never moves a card when claims are added',
    {
      timeout: 60_000,
    },
    async () => {
      const store = new LayoutStore('k', memory());
      store.update(structure(['a', 'b'], [support('r1', 'b', 'a')]));
      expect(store.get()?.settling).toBe(true);
      await store.tidy();
      const settled = store.get();
      expect(settled?.settling).toBe(false);
      store.update(structure(['a', 'b', 'c'], [support('r1', 'b', 'a'), support('r2', 'c', 'a')]));
      const after = store.get();
      for (const id of ['a', 'b', 'r1'])
        expect(after?.positions.get(id)).toEqual(settled?.positions.get(id));
      expect(after?.positions.has('c')).toBe(true);
      store.destroy();
    },
  );

  it('reopens a map where this device left it', () => {
    const storage = memory();
    const first = new LayoutStore('k', storage);
    first.update(structure(['a'], []));
    first.move('a', { x: 500, y: 300 });
    first.destroy();
    const again = new LayoutStore('k', storage);
    again.update(structure(['a'], []));
    expect(again.get()?.positions.get('a')).toEqual({ x: 500, y: 300 });
    again.destroy();
  });
});
