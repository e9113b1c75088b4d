import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClaim, getClaim, listClaims, removeClaim } from '../records/Claim.ts';
import { listRelations } from '../records/Relation.ts';
import {
  acceptSuggestion,
  getSuggestion,
  listSuggestions,
  rejectSuggestion,
  suggestClaim,
  suggestRewording,
  withdrawSuggestion,
} from './Suggestion.ts';
import { ann, bob, newMap } from './testkit.ts';

describe('suggestions', () => {
  it('accepting a new claim adds it and its reason to the map, credited to the suggester', () => {
    const map = newMap();
    const target = addClaim(map, { text: 'NATO deters', author: 'Ann Lee' });
    const review = new Y.Doc();
    const id = suggestClaim(review, {
      claim: target,
      stance: 'rebut',
      text: 'Not in 2014',
      author: bob,
    });
    expect(getSuggestion(review, id)).toMatchObject({
      kind: 'claim',
      status: 'open',
      stance: 'rebut',
    });

    const applied = acceptSuggestion(map, review, id, ann);
    expect(getClaim(map, applied.claim)).toMatchObject({ text: 'Not in 2014', author: 'Bob' });
    expect(listRelations(map)).toEqual([
      expect.objectContaining({
        id: applied.relation,
        kind: 'rebut',
        premises: [applied.claim],
        target: { claim: target },
        author: 'Bob',
      }),
    ]);
    expect(getSuggestion(review, id)).toMatchObject({
      status: 'accepted',
      decidedBy: ann,
      createdClaim: applied.claim,
      createdRelation: applied.relation,
    });
    expect(() => acceptSuggestion(map, review, id, ann)).toThrow(/already accepted/);
    expect(listClaims(map)).toHaveLength(2);
  });

  it('accepting a rewording replaces the claim text, as one transaction of the caller', () => {
    const map = newMap();
    const claim = addClaim(map, { text: 'Old words', author: 'Ann Lee' });
    const review = new Y.Doc();
    const id = suggestRewording(review, {
      claim,
      text: 'New words',
      original: 'Old words',
      author: bob,
    });
    const me = { user: 'ann' };
    const undo = new Y.UndoManager(map.getMap('claims'), { trackedOrigins: new Set([me]) });
    map.transact(() => acceptSuggestion(map, review, id, ann), me);
    expect(getClaim(map, claim)).toMatchObject({ text: 'New words', author: 'Ann Lee' });
    expect(getSuggestion(review, id)).toMatchObject({
      kind: 'rewording',
      original: 'Old words',
      author: bob,
      status: 'accepted',
    });
    // The accepter's undo takes back the map edit (their edit), never the review record.
    undo.undo();
    expect(getClaim(map, claim)?.text).toBe('Old words');
    expect(getSuggestion(review, id)?.status).toBe('accepted');
  });

  it('rejecting leaves the map alone; a suggestion on a deleted claim cannot be accepted', () => {
    const map = newMap();
    const claim = addClaim(map, { text: 'C' });
    const review = new Y.Doc();
    const a = suggestClaim(review, { claim, stance: 'support', text: 'S', author: bob });
    const b = suggestRewording(review, { claim, text: 'C2', original: 'C', author: bob });
    rejectSuggestion(review, a, ann);
    expect(getSuggestion(review, a)).toMatchObject({ status: 'rejected', decidedBy: ann });
    expect(() => acceptSuggestion(map, review, a, ann)).toThrow(/already rejected/);
    removeClaim(map, claim);
    const before = Y.encodeStateAsUpdate(map);
    expect(() => acceptSuggestion(map, review, b, ann)).toThrow(/was deleted/);
    expect(Y.encodeStateAsUpdate(map)).toEqual(before);
    expect(getSuggestion(review, b)?.status).toBe('open');
    expect(listSuggestions(review, { status: 'open' }).map((s) => s.id)).toEqual([b]);
  });

  it('refuses a rewording that changes nothing, and lets only the author withdraw', () => {
    const review = new Y.Doc();
    expect(() =>
      suggestRewording(review, { claim: 'c', text: ' Same ', original: 'Same', author: bob }),
    ).toThrow(/must change the text/);
    const id = suggestClaim(review, { claim: 'c', stance: 'support', text: 'x', author: bob });
    expect(() => withdrawSuggestion(review, id, ann)).toThrow(/Only its author/);
    withdrawSuggestion(review, id, bob);
    expect(listSuggestions(review)).toEqual([]);
  });
});
