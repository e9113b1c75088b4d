import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropPending, encodeIntegrated, pendingBytes } from './pendingStructs.ts';

/** A doc holding `base` integrated and an edit on top of text it has never seen, pending. */
function docWithPending(): { doc: Y.Doc; missing: Uint8Array } {
  const fork = new Y.Doc();
  fork.getText('t').insert(0, 'base');
  const missing = Y.encodeStateAsUpdate(fork);
  const sv = Y.encodeStateVector(fork);
  fork.getText('t').insert(4, '+fork');
  const doc = new Y.Doc();
  doc.getText('other').insert(0, 'here');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(fork, sv));
  return { doc, missing };
}

describe('pendingStructs', () => {
  it('counts nothing for a doc with nothing waiting', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'all integrated');
    expect(pendingBytes(doc)).toBe(0);
  });

  it('counts the bytes of an update waiting on missing dependencies', () => {
    const { doc } = docWithPending();
    expect(pendingBytes(doc)).toBeGreaterThan(0);
  });

  it('encodes only what is integrated, and leaves the pending update waiting', () => {
    const { doc, missing } = docWithPending();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, encodeIntegrated(doc));
    expect(copy.getText('other').toString()).toBe('here');
    expect(pendingBytes(copy)).toBe(0);
    expect(pendingBytes(doc)).toBeGreaterThan(0);
    Y.applyUpdate(doc, missing);
    expect(doc.getText('t').toString()).toBe('base+fork');
  });

  it('encodes the difference from a state vector without pending structs', () => {
    const { doc } = docWithPending();
    const empty = Y.encodeStateVector(new Y.Doc());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, encodeIntegrated(doc, empty));
    expect(copy.getText('other').toString()).toBe('here');
    expect(copy.getText('t').toString()).toBe('');
  });

  it('drops what is pending, so the missing data no longer completes it', () => {
    const { doc, missing } = docWithPending();
    dropPending(doc);
    expect(pendingBytes(doc)).toBe(0);
    Y.applyUpdate(doc, missing);
    expect(doc.getText('t').toString()).toBe('base');
  });
});
