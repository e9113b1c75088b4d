import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sliceUpdate } from './sliceUpdate.ts';

const TINY = { maxStructs: 3, maxLength: 1000 };

/** Applies `update` slice by slice to `doc`, checking nothing ever waits on a later slice. */
function applySliced(doc: Y.Doc, update: Uint8Array, limits = TINY): Uint8Array[] {
  const cut = sliceUpdate(update, limits);
  if (cut.kind !== 'slices') throw new Error(`not sliced: ${cut.kind}`);
  for (const slice of cut.slices) {
    Y.applyUpdate(doc, slice);
    expect(doc.store.pendingStructs).toBeNull();
  }
  return cut.slices;
}

const sameState = (a: Y.Doc, b: Y.Doc): void => {
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  expect(a.getMap('m').toJSON()).toEqual(b.getMap('m').toJSON());
  expect(a.getText('t').toString()).toEqual(b.getText('t').toString());
};

describe('sliceUpdate', () => {
  it('cuts an update into slices that, applied in order, rebuild the same document', () => {
    const source = new Y.Doc();
    for (let i = 0; i < 40; i++) {
      const inner = new Y.Text();
      source.getMap('m').set(`k${i}`, inner);
      inner.insert(0, `claim ${i}`);
    }
    source.getText('t').insert(0, 'hello world');
    const slices = applySliced(new Y.Doc(), Y.encodeStateAsUpdate(source));
    expect(slices.length).toBeGreaterThan(20);
    const rebuilt = new Y.Doc();
    for (const s of slices) Y.applyUpdate(rebuilt, s);
    sameState(rebuilt, source);
  });

  it('puts what a struct refers to from another client before it', () => {
    // Two writers interleave: each insert's origin is the other client's character.
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (let i = 0; i < 30; i++) {
      const [from, to] = i % 2 ? [a, b] : [b, a];
      from.getText('t').insert(from.getText('t').length, String(i % 10));
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
    const rebuilt = new Y.Doc();
    applySliced(rebuilt, Y.encodeStateAsUpdate(a), { maxStructs: 1, maxLength: 1000 });
    sameState(rebuilt, a);
  });

  it('applies the deletions, in the last slice', () => {
    // Without garbage collection the deleted text is still in the structs, deleted only by
    // the delete set.
    const source = new Y.Doc({ gc: false });
    source.getText('t').insert(0, 'abcdefghij');
    source.getMap('m').set('x', 1);
    source.getMap('m').delete('x');
    source.getText('t').delete(2, 5);
    const rebuilt = new Y.Doc();
    const slices = applySliced(rebuilt, Y.encodeStateAsUpdate(source));
    sameState(rebuilt, source);
    expect(rebuilt.getText('t').toString()).toBe('abhij');
    const beforeLast = new Y.Doc();
    for (const s of slices.slice(0, -1)) Y.applyUpdate(beforeLast, s);
    expect(beforeLast.getText('t').toString()).not.toBe('abhij');
  });

  it('slices an update on top of what the doc already holds', () => {
    const source = new Y.Doc();
    source.getText('t').insert(0, 'base ');
    const base = Y.encodeStateAsUpdate(source);
    const sv = Y.encodeStateVector(source);
    source.getText('t').insert(5, 'and more text after it');
    source.getText('t').delete(0, 2);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    applySliced(doc, Y.encodeStateAsUpdate(source, sv), { maxStructs: 1, maxLength: 4 });
    sameState(doc, source);
  });

  it('refuses what the relay refuses whole: bytes that do not decode, and malformed updates', () => {
    const source = new Y.Doc();
    source.getText('t').insert(0, 'some text');
    const update = Y.encodeStateAsUpdate(source);
    expect(sliceUpdate(update.slice(0, update.length - 4), TINY)).toMatchObject({
      kind: 'malformed',
    });
    // A delete range of length zero: decodes, but no Yjs client writes it.
    const zeroDelete = Uint8Array.from([0, 1, 7, 1, 0, 0]);
    expect(sliceUpdate(zeroDelete, TINY)).toEqual({
      kind: 'malformed',
      problem: 'empty delete range for 7',
    });
  });

  it('leaves an update listing a client twice whole, for Yjs to make of it what it does', () => {
    const source = new Y.Doc();
    source.clientID = 5;
    source.getText('t').insert(0, 'ab');
    const first = Y.encodeStateAsUpdate(source);
    const sv = Y.encodeStateVector(source);
    source.getText('t').insert(2, 'cd');
    const second = Y.encodeStateAsUpdate(source, sv);
    // Two sections for client 5, the later clocks first, concatenated by hand.
    const body = (u: Uint8Array) => u.slice(1, u.length - 1);
    const twice = Uint8Array.from([2, ...body(second), ...body(first), 0]);
    expect(sliceUpdate(twice, TINY)).toEqual({ kind: 'whole' });
  });
});
