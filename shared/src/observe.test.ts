import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap } from './meta.ts';
import { modelTypes, observeMap } from './observe.ts';
import { addClaim, claimFragment, listClaims, removeClaim } from './records/Claim.ts';

describe('observing and undo', () => {
  it('reports deep changes once per transaction with their origin', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Observed' });
    const id = addClaim(doc, { text: 'x' });
    const seen: unknown[] = [];
    const stop = observeMap(doc, (origin) => seen.push(origin));
    doc.transact(() => {
      claimFragment(doc, id)!.insert(0, [new Y.XmlElement('paragraph')]);
      addClaim(doc, { text: 'y' });
    }, 'me');
    doc.getMap('unrelated').set('k', 1);
    stop();
    addClaim(doc, { text: 'z' });
    expect(seen).toEqual(['me']);
  });

  it("undoes one person's removal, bringing back the claim with its text", () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Undo' });
    const me = { user: 'me' };
    const undo = new Y.UndoManager(modelTypes(doc), { trackedOrigins: new Set([me]) });
    const id = addClaim(doc, { text: 'precious words' });
    doc.transact(() => removeClaim(doc, id), me);
    expect(listClaims(doc)).toEqual([]);
    undo.undo();
    expect(listClaims(doc).map((c) => c.text)).toEqual(['precious words']);
  });
});
