import { addClaim, claimFragment, connect, createMap, setClaimText } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapStore } from './MapStore.ts';

function setup() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'T' });
  const store = new MapStore(doc);
  store.refresh();
  return { doc, store };
}

describe('MapStore', () => {
  it('publishes a new structure when a claim or relation is added', () => {
    const { doc, store } = setup();
    let calls = 0;
    store.subscribeStructure(() => calls++);
    const a = addClaim(doc, { text: 'a' });
    const b = addClaim(doc, { text: 'b' });
    connect(doc, { kind: 'rebut', premises: [b], target: { claim: a } });
    const s = store.getStructure();
    expect(s.claims).toEqual([a, b]);
    expect(s.relations.map((r) => r.kind)).toEqual(['rebut']);
    expect([...s.roots]).toEqual([a]);
    expect(calls).toBe(3);
  });

  it('does not touch the structure when someone types, but tells that claim’s viewers', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'before' });
    const structure = store.getStructure();
    let seen = 0;
    store.subscribeClaim(a, () => seen++);
    const fragment = claimFragment(doc, a)!;
    const paragraph = fragment.get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(6, ' typing');
    expect(store.getStructure()).toBe(structure);
    expect(seen).toBe(1);
    expect(JSON.stringify(store.getClaimContent(a))).toContain('before typing');
  });

  it('keeps serving a claim’s text from cache until it changes', () => {
    const { doc, store } = setup();
    const a = addClaim(doc, { text: 'x' });
    store.subscribeClaim(a, () => undefined);
    const first = store.getClaimContent(a);
    expect(store.getClaimContent(a)).toBe(first);
    setClaimText(doc, a, 'y');
    expect(store.getClaimContent(a)).not.toBe(first);
  });
});
