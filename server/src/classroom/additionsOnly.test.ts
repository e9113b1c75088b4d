import { addClaim, createMap, listClaims, removeClaim, setClaimText } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { additionsOnly } from './additionsOnly.ts';

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const texts = (doc: Y.Doc) =>
  listClaims(doc)
    .map((c) => c.text)
    .sort();

describe('additionsOnly', () => {
  it('brings a copy what the template added, keeps the copy work, and never deletes', () => {
    const template = new Y.Doc();
    createMap(template, { title: 'Template', createdAt: 0 });
    const kept = addClaim(template, { text: 'Kept by the student' });
    const copy = fork(template);
    addClaim(copy, { text: 'The student wrote this' });
    setClaimText(copy, kept, 'Kept by the student, reworded');
    // The instructor deletes a claim the student built on, and adds one.
    removeClaim(template, kept);
    addClaim(template, { text: 'Added by the instructor' });
    const gone = addClaim(template, { text: 'Added and deleted again' });
    removeClaim(template, gone);

    Y.applyUpdate(copy, additionsOnly(template, Y.encodeStateVector(copy)));
    expect(texts(copy)).toEqual([
      'Added by the instructor',
      'Kept by the student, reworded',
      'The student wrote this',
    ]);
    // Pushing again changes nothing.
    const before = Y.encodeStateAsUpdate(copy);
    Y.applyUpdate(copy, additionsOnly(template, Y.encodeStateVector(copy)));
    expect(Y.encodeStateAsUpdate(copy)).toEqual(before);
  });

  it('is an empty update for a copy that has everything', () => {
    const template = new Y.Doc();
    createMap(template, { title: 'Template', createdAt: 0 });
    const update = additionsOnly(template, Y.encodeStateVector(template));
    expect(Y.decodeUpdate(update)).toMatchObject({ structs: [] });
    expect(Y.decodeUpdate(update).ds.clients.size).toBe(0);
  });
});
