import * as Y from 'yjs';
import type { ClaimId } from '../ids.ts';
import { listClaims } from '../records/Claim.ts';
import { evidenceKey, listEvidence } from '../records/Evidence.ts';
import { liveRelations } from '../records/Relation.ts';
import { reviewCollections } from '../review/schema.ts';
import { marksOf, type RichMark } from '../richtext.ts';
import { collections } from '../schema.ts';

/**
 * Who did what in a map, from Yjs attribution. Every item in a Y.Doc carries the client id of
 * the replica that wrote it, and keeps it through compaction; the relay records which share
 * link committed each client id first (the trustworthy part: a client chooses its client id
 * but not the link its connection came through). Given that record as `authorOf`, these pure
 * functions say who created each record and who wrote each piece of claim text.
 *
 * An author is an opaque string (the relay's author id); `null` means nobody on record (an
 * item older than the record, or written by a client id the relay never saw commit).
 */
export type AuthorOf = (clientId: number) => string | null;

/** `authorOf` over the relay's `clients` record (client id in decimal → author id). */
export function authorOfClients(clients: Readonly<Record<string, string>>): AuthorOf {
  return (clientId) => clients[String(clientId)] ?? null;
}

/** What one author did in a map and its review. */
export interface AuthorFigures {
  author: string;
  /** Live claims they created. */
  claims: number;
  /** Words of live claims' text they typed, in anyone's claims. */
  words: number;
  /** Of `words`, those typed in claims someone else created. */
  wordsInOthersClaims: number;
  /** Live reasons (support or rebuttal relations) they created. */
  reasons: number;
  /** Live citations of passages they made. */
  citations: number;
  /** Comments they wrote that are not deleted. */
  comments: number;
  /** Creation times (ms) of the earliest and latest of those records; null without any. */
  firstActivity: number | null;
  lastActivity: number | null;
}

/** One stretch of a claim's text written by one author (`\n` between paragraphs' runs). */
export interface TextRun {
  text: string;
  author: string | null;
  /** Its formatting (bold, a link…), absent when it has none. */
  marks?: RichMark[];
}

/**
 * A word is a run of letters, digits and marks, with inner apostrophes and hyphens ("don't",
 * "well-known"); punctuation and spaces are not words. It is credited to whoever typed most
 * of its characters (ties: whoever typed its first), so fixing a typo in someone's word does
 * not take it from them.
 */
export const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;

/** The client id of the item that created a record in a collection map, if it is there. */
function creatorClient(collection: Y.Map<unknown>, key: string): number | null {
  const item = collection._map.get(key);
  return item && !item.deleted ? item.id.client : null;
}

/**
 * The claim's text as runs of one author each, in reading order: paragraphs (the fragment's
 * top-level blocks) are separated by a `\n` run with no author. Adjacent items of one author
 * are merged. Undefined if there is no such claim.
 */
export function claimTextRuns(
  doc: Y.Doc,
  claim: ClaimId,
  authorOf: AuthorOf,
): TextRun[] | undefined {
  const fragment = collections(doc).claims.get(claim)?.get('text');
  if (!(fragment instanceof Y.XmlFragment)) return undefined;
  const runs: TextRun[] = [];
  let lastKey = '';
  const push: Push = (text, author, marks = []) => {
    const last = runs[runs.length - 1];
    const key = JSON.stringify(marks);
    if (last && last.author === author && key === lastKey) last.text += text;
    else runs.push(marks.length ? { text, author, marks } : { text, author });
    lastKey = key;
  };
  fragment.toArray().forEach((block, i) => {
    if (i > 0) push('\n', null);
    collectRuns(block, authorOf, push);
  });
  return runs;
}

type Push = (text: string, author: string | null, marks?: RichMark[]) => void;

function collectRuns(node: unknown, authorOf: AuthorOf, push: Push): void {
  if (node instanceof Y.XmlText) {
    // Formatting is carried by format items between the text (as Y.Text's delta reads it:
    // a deleted format item no longer applies).
    const attributes = new Map<string, unknown>();
    let marks: RichMark[] = [];
    for (let item = node._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentFormat) {
        const { key, value } = item.content;
        if (value === null) attributes.delete(key);
        else attributes.set(key, value);
        marks = marksOf(Object.fromEntries(attributes));
      } else if (item.content instanceof Y.ContentString) {
        push(item.content.str, authorOf(item.id.client), marks);
      }
    }
  } else if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') push('\n', null);
    else for (const child of node.toArray()) collectRuns(child, authorOf, push);
  }
}

/** Words in `runs` by the author credited with each (see `WORD`); null for no one on record. */
export function wordsByAuthor(runs: readonly TextRun[]): Map<string | null, number> {
  const text = runs.map((r) => r.text).join('');
  const owners: (string | null)[] = [];
  for (const run of runs) for (let i = 0; i < run.text.length; i++) owners.push(run.author);
  const counts = new Map<string | null, number>();
  for (const match of text.matchAll(WORD)) {
    const tally = new Map<string | null, number>();
    let best: string | null = owners[match.index] ?? null;
    for (let i = match.index; i < match.index + match[0].length; i++) {
      const owner = owners[i] ?? null;
      const n = (tally.get(owner) ?? 0) + 1;
      tally.set(owner, n);
      if (n > (tally.get(best) ?? 0)) best = owner;
    }
    counts.set(best, (counts.get(best) ?? 0) + 1);
  }
  return counts;
}

/** Who created the claim (null: no such claim, or nobody on record), for its card. */
export function claimCreator(doc: Y.Doc, claim: ClaimId, authorOf: AuthorOf): string | null {
  const client = creatorClient(collections(doc).claims.type, claim);
  return client === null ? null : authorOf(client);
}

/** Who created each live claim (null: nobody on record), for labelling cards. */
export function claimCreators(doc: Y.Doc, authorOf: AuthorOf): Map<ClaimId, string | null> {
  const { claims } = collections(doc);
  const out = new Map<ClaimId, string | null>();
  for (const c of listClaims(doc)) {
    const client = creatorClient(claims.type, c.id);
    out.set(c.id, client === null ? null : authorOf(client));
  }
  return out;
}

/**
 * Per-author figures of a map and (if given) its review document, one entry per author with
 * anything to their name, most claims first. Records nobody is on record for are not counted.
 */
export function authorFigures(
  map: Y.Doc,
  review: Y.Doc | null,
  authorOf: AuthorOf,
): AuthorFigures[] {
  const figures = new Map<string, AuthorFigures>();
  const of = (author: string): AuthorFigures => {
    let f = figures.get(author);
    if (!f) {
      f = {
        author,
        claims: 0,
        words: 0,
        wordsInOthersClaims: 0,
        reasons: 0,
        citations: 0,
        comments: 0,
        firstActivity: null,
        lastActivity: null,
      };
      figures.set(author, f);
    }
    return f;
  };
  const did = (author: string | null, at: number, count: (f: AuthorFigures) => void) => {
    if (author === null) return;
    const f = of(author);
    count(f);
    if (Number.isFinite(at)) {
      f.firstActivity = f.firstActivity === null ? at : Math.min(f.firstActivity, at);
      f.lastActivity = f.lastActivity === null ? at : Math.max(f.lastActivity, at);
    }
  };
  const byClient = (client: number | null) => (client === null ? null : authorOf(client));

  const { claims, relations, evidence } = collections(map);
  for (const claim of listClaims(map)) {
    const creator = byClient(creatorClient(claims.type, claim.id));
    did(creator, claim.createdAt, (f) => f.claims++);
    const runs = claimTextRuns(map, claim.id, authorOf) ?? [];
    for (const [author, words] of wordsByAuthor(runs)) {
      if (author === null) continue;
      const f = of(author);
      f.words += words;
      if (author !== creator) f.wordsInOthersClaims += words;
    }
  }
  for (const relation of liveRelations(map).values()) {
    const creator = byClient(creatorClient(relations.type, relation.id));
    did(creator, relation.createdAt, (f) => f.reasons++);
  }
  for (const e of listEvidence(map)) {
    const creator = byClient(creatorClient(evidence, evidenceKey(e.claim, e.passage)));
    did(creator, e.createdAt, (f) => f.citations++);
  }
  if (review) {
    const { comments } = reviewCollections(review);
    comments.forEach((record, id) => {
      if (record.get('deleted') === true) return;
      const createdAt = record.get('createdAt');
      did(
        byClient(creatorClient(comments.type, id)),
        typeof createdAt === 'number' ? createdAt : NaN,
        (f) => f.comments++,
      );
    });
  }
  return [...figures.values()].sort(
    (a, b) => b.claims - a.claims || b.words - a.words || a.author.localeCompare(b.author),
  );
}
