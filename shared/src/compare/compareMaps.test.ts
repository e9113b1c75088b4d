import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMap } from '../meta.ts';
import { addClaim, removeClaim, setClaimText } from '../records/Claim.ts';
import { cite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { connect, disconnect, setRelationKind } from '../records/Relation.ts';
import { addSource, type NewSource } from '../records/Source.ts';
import { compareCopies } from './compareCopies.ts';
import { compareMaps } from './compareMaps.ts';
import {
  assignBySimilarity,
  contentWords,
  cosine,
  TEXT_SIMILARITY_THRESHOLD,
  WordWeights,
  type WordVector,
} from './similarity.ts';

const CHARTER =
  'Nothing in the present Charter shall impair the inherent right of individual or collective ' +
  'self-defence if an armed attack occurs against a Member of the United Nations, until the ' +
  'Security Council has taken measures necessary to maintain international peace and security.';

const source = (body = CHARTER, title = 'UN Charter'): NewSource => ({
  title,
  authors: [],
  issued: '1945',
  kind: 'treaty',
  body,
});

/** A small reference map: a root, a support citing the Charter, a rebuttal, an undercut. */
function reference() {
  const doc = new Y.Doc();
  createMap(doc, { title: 'Reference' });
  const root = addClaim(doc, { text: 'NATO is a collective defence alliance.' });
  const article51 = addClaim(doc, {
    text: 'Article 51 of the Charter recognises the inherent right of collective self-defence.',
  });
  const security = addClaim(doc, {
    text: 'NATO has acted on Security Council mandates in the Balkans and Libya.',
  });
  const scope = addClaim(doc, {
    text: 'Those mandates were exceptions granted case by case, not the treaty purpose.',
  });
  const charter = addSource(doc, source());
  const passage = addPassage(doc, {
    source: charter,
    exact: 'inherent right of individual or collective self-defence',
  });
  cite(doc, { claim: article51, passage, stance: 'support' });
  const support = connect(doc, { kind: 'support', premises: [article51], target: { claim: root } });
  const rebut = connect(doc, { kind: 'rebut', premises: [security], target: { claim: root } });
  const undercut = connect(doc, { kind: 'rebut', premises: [scope], target: { relation: rebut } });
  return { doc, root, article51, security, scope, charter, passage, support, rebut, undercut };
}

/** A copy forked from the reference's document, as an assignment's copy is. */
function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('compareMaps', () => {
  it('matches every claim and reason of an untouched copy, for a score of 1', () => {
    const ref = reference();
    const report = compareMaps(fork(ref.doc), ref.doc);
    expect(report.claims.matched).toHaveLength(4);
    expect(report.claims.missing).toEqual([]);
    expect(report.claims.extra).toEqual([]);
    expect(report.relations.agree.map((p) => p.reference).sort()).toEqual(
      [ref.support, ref.rebut, ref.undercut].sort(),
    );
    expect(report.score).toEqual({
      claims: { precision: 1, recall: 1, f1: 1 },
      relations: { precision: 1, recall: 1, f1: 1 },
      overall: 1,
    });
    expect(report.threshold).toBe(TEXT_SIMILARITY_THRESHOLD);
  });

  it('matches by cited passage first, even when the words differ entirely', () => {
    const ref = reference();
    const student = fork(ref.doc);
    // The student rewords the claim completely but cites an overlapping span.
    setClaimText(student, ref.article51, 'Members may defend one another when attacked.');
    const passage = addPassage(student, {
      source: ref.charter,
      exact: 'collective self-defence if an armed attack',
    });
    cite(student, { claim: ref.article51, passage, stance: 'support' });
    // A decoy that repeats the reference's words but cites nothing.
    const decoy = addClaim(student, {
      text: 'Article 51 of the Charter recognises the inherent right of collective self-defence.',
    });
    const report = compareMaps(student, ref.doc);
    const m = report.claims.matched.find((x) => x.reference === ref.article51);
    expect(m).toMatchObject({ student: ref.article51, by: 'passage', sharedPassages: 2 });
    expect(m?.similarity).toBeLessThan(TEXT_SIMILARITY_THRESHOLD);
    expect(report.claims.extra.map((c) => c.id)).toEqual([decoy]);
  });

  it('matches by words when no passage is shared, at the threshold and not below it', () => {
    const ref = reference();
    const student = new Y.Doc();
    createMap(student, { title: 'Built from scratch' });
    const reworded = addClaim(student, {
      text: 'NATO acted under Security Council mandates in Libya and the Balkans.',
    });
    const unrelated = addClaim(student, { text: 'Alliances balance power between rival blocs.' });
    const report = compareMaps(student, ref.doc);
    expect(report.claims.matched).toEqual([
      expect.objectContaining({ student: reworded, reference: ref.security, by: 'text' }),
    ]);
    expect(report.claims.matched[0]?.similarity).toBeGreaterThanOrEqual(TEXT_SIMILARITY_THRESHOLD);
    expect(report.claims.extra.map((c) => c.id)).toEqual([unrelated]);
    expect(report.claims.missing.map((c) => c.id).sort()).toEqual(
      [ref.root, ref.article51, ref.scope].sort(),
    );
    // The same pair is refused when the threshold asks for more than its similarity.
    const strict = compareMaps(
      student,
      ref.doc,
      (report.claims.matched[0]?.similarity ?? 0) + 0.01,
    );
    expect(strict.claims.matched).toEqual([]);
  });

  it('assigns one to one: of two students claims like one reference claim, the closer wins', () => {
    const ref = reference();
    const student = new Y.Doc();
    createMap(student, { title: 'Two tries' });
    const close = addClaim(student, { text: 'NATO is a collective defence alliance!' });
    const far = addClaim(student, { text: 'NATO is a defence alliance of states.' });
    const report = compareMaps(student, ref.doc);
    expect(report.claims.matched.map((m) => [m.student, m.reference])).toEqual([[close, ref.root]]);
    expect(report.claims.extra.map((c) => c.id)).toEqual([far]);
  });

  it('tells agreeing, turned-around, missing and extra reasons apart', () => {
    const ref = reference();
    const student = fork(ref.doc);
    setRelationKind(student, ref.support, 'rebut'); // turned around
    disconnect(student, ref.undercut); // missing
    const extra = connect(student, {
      kind: 'support',
      premises: [ref.scope],
      target: { claim: ref.article51 },
    });
    const report = compareMaps(student, ref.doc);
    expect(report.relations.agree.map((p) => p.reference)).toEqual([ref.rebut]);
    expect(report.relations.disagree).toEqual([
      {
        reference: ref.support,
        student: ref.support,
        referenceKind: 'support',
        studentKind: 'rebut',
        premises: { missing: [], extra: [] },
      },
    ]);
    expect(report.relations.missing.map((r) => r.id)).toEqual([ref.undercut]);
    expect(report.relations.extra.map((r) => r.id)).toEqual([extra]);
    // 1 of 3 student reasons is right, 1 of 3 reference reasons is found.
    expect(report.score.relations).toEqual({ precision: 0.333, recall: 0.333, f1: 0.333 });
    expect(report.score.overall).toBe(0.667);
  });

  it('pairs the reasons of independently built maps through matched claims and undercuts', () => {
    const ref = reference();
    const student = new Y.Doc();
    createMap(student, { title: 'Independent' });
    const root = addClaim(student, { text: 'NATO is a collective defence alliance.' });
    const security = addClaim(student, {
      text: 'NATO has acted on Security Council mandates in the Balkans and Libya.',
    });
    const scope = addClaim(student, {
      text: 'Those mandates were exceptions granted case by case, not the treaty purpose.',
    });
    const rebut = connect(student, {
      kind: 'rebut',
      premises: [security],
      target: { claim: root },
    });
    const undercut = connect(student, {
      kind: 'rebut',
      premises: [scope],
      target: { relation: rebut },
    });
    const report = compareMaps(student, ref.doc);
    expect(report.relations.agree.map((p) => [p.student, p.reference])).toEqual([
      [rebut, ref.rebut],
      [undercut, ref.undercut],
    ]);
    expect(report.relations.missing.map((r) => r.id)).toEqual([ref.support]);
  });

  it('finds the same source in an independent map by its text, then by its title', () => {
    const ref = reference();
    const student = new Y.Doc();
    createMap(student, { title: 'Own sources' });
    // The same text pasted with other line breaks: another id, the same fingerprint.
    const pasted = addSource(student, source(CHARTER.replace(/ the /g, '\nthe '), 'Charter'));
    const claim = addClaim(student, { text: 'Self-defence is allowed.' });
    const passage = addPassage(student, { source: pasted, exact: 'collective\nself-defence' });
    cite(student, { claim, passage, stance: 'support' });
    expect(compareMaps(student, ref.doc).claims.matched).toEqual([
      expect.objectContaining({ student: claim, reference: ref.article51, by: 'passage' }),
    ]);
    // A source whose text differs (an excerpt) but bears the reference's title.
    const other = new Y.Doc();
    createMap(other, { title: 'Excerpt' });
    const excerpt = addSource(other, source(CHARTER.slice(20, 160), 'un charter'));
    const c2 = addClaim(other, { text: 'Self-defence is allowed.' });
    cite(other, {
      claim: c2,
      passage: addPassage(other, { source: excerpt, exact: 'individual or collective' }),
      stance: 'support',
    });
    expect(compareMaps(other, ref.doc).claims.matched).toEqual([
      expect.objectContaining({ student: c2, reference: ref.article51, by: 'passage' }),
    ]);
  });

  it('does not match claims citing passages that do not overlap', () => {
    const ref = reference();
    const student = fork(ref.doc);
    removeClaim(student, ref.article51);
    const claim = addClaim(student, { text: 'The Council keeps the peace.' });
    const passage = addPassage(student, {
      source: ref.charter,
      exact: 'maintain international peace',
    });
    cite(student, { claim, passage, stance: 'support' });
    const report = compareMaps(student, ref.doc);
    expect(report.claims.missing.map((c) => c.id)).toEqual([ref.article51]);
    expect(report.claims.extra.map((c) => c.id)).toEqual([claim]);
  });

  it('scores empty maps without dividing by zero', () => {
    const a = new Y.Doc();
    createMap(a, { title: 'a' });
    const b = new Y.Doc();
    createMap(b, { title: 'b' });
    expect(compareMaps(a, b).score.overall).toBe(1);
    addClaim(b, { text: 'Something' });
    expect(compareMaps(a, b).score.claims).toEqual({ precision: 1, recall: 0, f1: 0 });
  });
});

describe('text similarity', () => {
  it('drops stopwords, accents, case and plural s', () => {
    expect(contentWords('The Alliances of Málaga are NOT a treaty’s')).toEqual([
      'alliance',
      'malaga',
      'treaty',
    ]);
  });

  it('weighs a word every claim uses less than a rare one', () => {
    const w = new WordWeights([['nato', 'alliance'], ['nato', 'article', '51'], ['nato']]);
    expect(w.idf('nato')).toBeLessThan(w.idf('51'));
    const a = w.vector(['nato', 'article', '51']);
    expect(cosine(a, a)).toBeCloseTo(1);
    expect(cosine(a, w.vector(['nato']))).toBeLessThan(cosine(a, w.vector(['article', '51'])));
  });
});

describe('assignBySimilarity', () => {
  /** A unit vector from raw weights. */
  const unit = (weights: Record<string, number>): WordVector => {
    const norm = Math.hypot(...Object.values(weights));
    return new Map(Object.entries(weights).map(([w, x]) => [w, x / norm]));
  };

  it('takes the best pair first over all students, not student by student', () => {
    const r0 = unit({ a: 1 });
    const r1 = unit({ b: 1 });
    // s0 likes r1 best (0.8) and r0 less (0.6); s1 likes r1 even more (0.95).
    const s0 = unit({ a: 0.6, b: 0.8 });
    const s1 = unit({ b: 0.95, c: Math.sqrt(1 - 0.95 ** 2) });
    const pairs = assignBySimilarity([s0, s1], [r0, r1], 0.5);
    expect(pairs.map((p) => [p.student, p.reference])).toEqual([
      [1, 1],
      [0, 0],
    ]);
    expect(pairs[1]?.similarity).toBeCloseTo(0.6, 6);
    // Below the threshold, s0 is left unmatched once r1 is taken.
    expect(assignBySimilarity([s0, s1], [r0, r1], 0.7).map((p) => p.student)).toEqual([1]);
  });

  it('breaks ties by the earlier student, then the earlier reference', () => {
    const v = unit({ a: 1 });
    const pairs = assignBySimilarity([v, v], [v, v], 0.5);
    expect(pairs.map((p) => [p.student, p.reference])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});

describe('compareCopies', () => {
  it('counts, per reference claim and reason, the copies that miss it or turn it around', () => {
    const ref = reference();
    const full = fork(ref.doc);
    const noUndercut = fork(ref.doc);
    disconnect(noUndercut, ref.undercut);
    const turned = fork(ref.doc);
    setRelationKind(turned, ref.support, 'rebut');
    removeClaim(turned, ref.scope);
    const result = compareCopies(ref.doc, [
      { id: 'full', doc: full },
      { id: 'no-undercut', doc: noUndercut },
      { id: 'turned', doc: turned },
    ]);
    expect(result.copies).toBe(3);
    expect(result.perCopy.map((c) => [c.id, c.score.overall])).toEqual([
      ['full', 1],
      ['no-undercut', expect.any(Number)],
      ['turned', expect.any(Number)],
    ]);
    expect(result.claims.find((c) => c.id === ref.scope)?.missedBy).toEqual(['turned']);
    const undercut = result.relations.find((r) => r.id === ref.undercut);
    expect(undercut?.missedBy).toEqual(['no-undercut', 'turned']);
    expect(result.relations.find((r) => r.id === ref.support)).toMatchObject({
      missedBy: [],
      disagreedBy: ['turned'],
    });
  });
});
