import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { addClaim, removeClaim } from '../records/Claim.ts';
import { connect } from '../records/Relation.ts';
import { deleteComment, editComment, getComment, reply } from './Comment.ts';
import { parseMentions } from './mentions.ts';
import {
  listThreads,
  openThreadCounts,
  placeThreads,
  threadsOn,
  threadsOnDeletedTargets,
} from './queries.ts';
import { REVIEW_ORIGIN, REVIEW_SCHEMA_VERSION, reviewSchemaVersion } from './schema.ts';
import { targetExists } from './target.ts';
import { ann, bob, cy, newMap } from './testkit.ts';
import { getThread, reopenThread, resolveThread, startThread } from './Thread.ts';

describe('comment threads', () => {
  it('starts a thread on a claim with its first comment, and keeps replies in order', () => {
    const doc = new Y.Doc();
    const { thread, comment } = startThread(doc, {
      target: { kind: 'claim', id: 'c1' },
      author: ann,
      text: '  Where is this from?  ',
    });
    const r1 = reply(doc, thread, { author: bob, text: 'A 2019 survey.' });
    const r2 = reply(doc, thread, { author: ann, text: 'Thanks' });
    const view = getThread(doc, thread);
    expect(view).toMatchObject({
      target: { kind: 'claim', id: 'c1' },
      author: ann,
      resolved: false,
    });
    expect(view?.comments.map((c) => [c.id, c.author.name, c.text])).toEqual([
      [comment, 'Ann Lee', 'Where is this from?'],
      [r1, 'Bob', 'A 2019 survey.'],
      [r2, 'Ann Lee', 'Thanks'],
    ]);
    expect(reviewSchemaVersion(doc)).toBe(REVIEW_SCHEMA_VERSION);
  });

  it('refuses empty text, an unknown target kind, a missing author or thread', () => {
    const doc = new Y.Doc();
    const target = { kind: 'claim', id: 'c1' } as const;
    expect(() => startThread(doc, { target, author: ann, text: '   ' })).toThrow(/cannot be empty/);
    expect(() =>
      startThread(doc, { target: { kind: 'source' as 'claim', id: 'x' }, author: ann, text: 'x' }),
    ).toThrow(/claim, a relation or a passage/);
    expect(() => startThread(doc, { target, author: { id: '', name: 'x' }, text: 'x' })).toThrow(
      /needs an id and a name/,
    );
    expect(() => reply(doc, 'nope', { author: ann, text: 'x' })).toThrow(ModelError);
    expect(listThreads(doc, { status: 'all' })).toEqual([]);
  });

  it('lets only the author edit or delete a comment; deleting leaves a tombstone', () => {
    const doc = new Y.Doc();
    const { thread, comment } = startThread(doc, {
      target: { kind: 'relation', id: 'r1' },
      author: ann,
      text: 'Weak link',
    });
    const answer = reply(doc, thread, { author: bob, text: 'Disagree' });
    expect(() => editComment(doc, comment, bob, 'hijacked')).toThrow(/Only its author can edit/);
    expect(() => deleteComment(doc, comment, bob)).toThrow(/Only its author can delete/);
    editComment(doc, comment, ann, 'Weak link, see @Bob', { people: [ann, bob] });
    const edited = getComment(doc, comment);
    expect(edited).toMatchObject({ text: 'Weak link, see @Bob', mentions: [bob], deleted: false });
    expect(edited?.editedAt).toBeGreaterThanOrEqual(edited?.createdAt ?? Infinity);

    deleteComment(doc, comment, ann);
    expect(getComment(doc, comment)).toMatchObject({ text: '', deleted: true, mentions: [] });
    expect(() => editComment(doc, comment, ann, 'back')).toThrow(/deleted comment/);
    // The thread and the reply survive the deleted first comment.
    expect(getThread(doc, thread)?.comments.map((c) => c.id)).toEqual([comment, answer]);
  });

  it('resolves and reopens, recording who and when', () => {
    const doc = new Y.Doc();
    const { thread } = startThread(doc, {
      target: { kind: 'passage', id: 'p1' },
      author: ann,
      text: 'Misquoted?',
    });
    resolveThread(doc, thread, bob);
    expect(getThread(doc, thread)).toMatchObject({ resolved: true, statusBy: bob });
    expect(listThreads(doc)).toEqual([]);
    expect(listThreads(doc, { status: 'resolved' }).map((t) => t.id)).toEqual([thread]);
    reopenThread(doc, thread, cy);
    expect(getThread(doc, thread)).toMatchObject({ resolved: false, statusBy: cy });
    expect(listThreads(doc).map((t) => t.id)).toEqual([thread]);
    expect(() => resolveThread(doc, 'nope', ann)).toThrow(/no thread/);
  });

  it('counts open threads per target and lists threads on one target or involving someone', () => {
    const doc = new Y.Doc();
    const c1 = { kind: 'claim', id: 'c1' } as const;
    const a = startThread(doc, { target: c1, author: ann, text: 'one' }).thread;
    const b = startThread(doc, { target: c1, author: bob, text: 'two' }).thread;
    const c = startThread(doc, { target: { kind: 'relation', id: 'r' }, author: bob, text: 'x' });
    reply(doc, c.thread, { author: cy, text: 'hi @Ann Lee', people: [ann, bob, cy] });
    resolveThread(doc, b, ann);
    expect(openThreadCounts(doc)).toEqual(
      new Map([
        ['claim:c1', 1],
        ['relation:r', 1],
      ]),
    );
    expect(threadsOn(doc, c1).map((t) => t.id)).toEqual([a, b]);
    // Ann started `a`, resolved `b` (not involvement), and is mentioned in `c`.
    expect(listThreads(doc, { status: 'all', involving: ann.id }).map((t) => t.id)).toEqual([
      a,
      c.thread,
    ]);
    expect(listThreads(doc, { involving: cy.id }).map((t) => t.id)).toEqual([c.thread]);
  });

  it('keeps threads whose claim, relation or passage was deleted, and says so', () => {
    const map = newMap();
    const claim = addClaim(map, { text: 'Claim' });
    const premise = addClaim(map, { text: 'Premise' });
    const relation = connect(map, { kind: 'support', premises: [premise], target: { claim } });
    const review = new Y.Doc();
    const onClaim = startThread(review, {
      target: { kind: 'claim', id: claim },
      author: ann,
      text: 'Source?',
    }).thread;
    const onRelation = startThread(review, {
      target: { kind: 'relation', id: relation },
      author: ann,
      text: 'Does it follow?',
    }).thread;
    expect(threadsOnDeletedTargets(review, map)).toEqual([]);
    removeClaim(map, claim); // takes the relation with it
    expect(targetExists(map, { kind: 'claim', id: claim })).toBe(false);
    expect(targetExists(map, { kind: 'claim', id: premise })).toBe(true);
    expect(threadsOnDeletedTargets(review, map).map((t) => t.id)).toEqual([onClaim, onRelation]);
    expect(placeThreads(review, map).map((t) => [t.id, t.targetExists])).toEqual([
      [onClaim, false],
      [onRelation, false],
    ]);
    expect(targetExists(map, { kind: 'passage', id: 'none' })).toBe(false);
  });

  it('tags its transactions with its own origin, so no map undo manager tracks them', () => {
    const map = newMap();
    const review = new Y.Doc();
    const origins: unknown[] = [];
    review.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const me = { user: 'ann' };
    const undo = new Y.UndoManager(map.getMap('claims'), { trackedOrigins: new Set([me]) });
    map.transact(() => {
      addClaim(map, { text: 'mine' });
      startThread(review, { target: { kind: 'claim', id: 'x' }, author: ann, text: 'note' });
    }, me);
    expect(origins).toEqual([REVIEW_ORIGIN]);
    undo.undo();
    expect(listThreads(review)).toHaveLength(1);
  });
});

describe('mentions', () => {
  it('finds known people by name, longest first, each once, not inside e-mail addresses', () => {
    const ann2 = { id: 'device-ann2', name: 'Ann' };
    const people = [ann2, ann, bob];
    expect(parseMentions('@ann lee and @Ann, @bob @Bob', people)).toEqual([ann, ann2, bob]);
    expect(parseMentions('mail bob@Bob.org or @Bobby', people)).toEqual([]);
  });

  it('reads @words as names when no people are known, and takes given mentions as they are', () => {
    expect(parseMentions('cc @ann, @bob.')).toEqual([
      { id: '', name: 'ann' },
      { id: '', name: 'bob' },
    ]);
    const doc = new Y.Doc();
    const { comment } = startThread(doc, {
      target: { kind: 'claim', id: 'c' },
      author: ann,
      text: 'for Bob',
      mentions: [bob],
    });
    expect(getComment(doc, comment)?.mentions).toEqual([bob]);
  });
});
