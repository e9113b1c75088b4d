import type * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import type { ClaimId } from '../ids.ts';
import { byCreation } from '../records/fields.ts';
import { now } from '../schema.ts';
import {
  checkAuthor,
  readAuthor,
  reviewCollections,
  reviewTransact,
  type ReviewAuthor,
} from './schema.ts';

/**
 * A review mark: one person's verdict on one claim, shown as a badge.
 *
 * Shape: `marks["<claim>:<kind>:<author id>"] = { claim, kind, note, author, createdAt }`, a
 * plain value. The key is *derived* from (claim, kind, author), so "one mark of a kind per
 * person per claim" holds by construction, even from two of their devices at once; marking
 * again replaces the note. Only the author removes it (honest clients; the relay enforces
 * only the role).
 */
export const MARK_KINDS = ['needs-evidence', 'unclear', 'strong', 'off-topic'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];
export const MAX_MARK_NOTE = 1_000;

export interface MarkView {
  /** The derived key: `"<claim>:<kind>:<author id>"`. */
  id: string;
  claim: ClaimId;
  kind: MarkKind;
  /** Empty when none was given. */
  note: string;
  author: ReviewAuthor;
  createdAt: number;
}

export interface NewMark {
  claim: ClaimId;
  kind: MarkKind;
  note?: string;
  author: ReviewAuthor;
}

export interface MarkFilter {
  claim?: ClaimId;
  kind?: MarkKind;
  /** An author id. */
  author?: string;
}

export const markKey = (claim: ClaimId, kind: MarkKind, author: string): string =>
  `${claim}:${kind}:${author}`;

/** Marks a claim (replacing one's own mark of that kind, note and all). */
export function markClaim(doc: Y.Doc, input: NewMark): string {
  const author = checkAuthor(input.author);
  if (!MARK_KINDS.includes(input.kind)) {
    throw new ModelError(`A mark is one of ${MARK_KINDS.join(', ')}, not "${String(input.kind)}".`);
  }
  if (typeof input.claim !== 'string' || !input.claim) {
    throw new ModelError('A mark needs the id of the claim it is on.');
  }
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length > MAX_MARK_NOTE) {
    throw new ModelError(`A mark's note can be at most ${MAX_MARK_NOTE} characters.`);
  }
  const key = markKey(input.claim, input.kind, author.id);
  reviewTransact(doc, () => {
    reviewCollections(doc).marks.set(key, {
      claim: input.claim,
      kind: input.kind,
      note,
      author,
      createdAt: now(),
    });
  });
  return key;
}

/** Removes one's own mark of `kind` on `claim`; nothing happens if there is none. */
export function unmarkClaim(doc: Y.Doc, claim: ClaimId, kind: MarkKind, by: ReviewAuthor): void {
  const key = markKey(claim, kind, checkAuthor(by).id);
  reviewTransact(doc, () => {
    const { marks } = reviewCollections(doc);
    if (marks.has(key)) marks.delete(key);
  });
}

/** Marks in creation order, all or those matching `filter`. */
export function listMarks(doc: Y.Doc, filter: MarkFilter = {}): MarkView[] {
  const out: MarkView[] = [];
  reviewCollections(doc).marks.forEach((value, id) => {
    const mark = readMark(id, value);
    if (!mark) return;
    if (filter.claim !== undefined && mark.claim !== filter.claim) return;
    if (filter.kind !== undefined && mark.kind !== filter.kind) return;
    if (filter.author !== undefined && mark.author.id !== filter.author) return;
    out.push(mark);
  });
  return out.sort(byCreation);
}

/** Every claim's marks, for badges on the canvas and the outline. */
export function marksByClaim(doc: Y.Doc): Map<ClaimId, MarkView[]> {
  const out = new Map<ClaimId, MarkView[]>();
  for (const mark of listMarks(doc)) {
    const list = out.get(mark.claim);
    if (list) list.push(mark);
    else out.set(mark.claim, [mark]);
  }
  return out;
}

/** A mark as stored, or undefined for a value that is not one (or is not under its own key). */
export function readMark(id: string, value: unknown): MarkView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { claim, kind, note, author, createdAt } = value as Record<string, unknown>;
  const who = readAuthor(author);
  if (
    typeof claim !== 'string' ||
    !MARK_KINDS.includes(kind as MarkKind) ||
    !who ||
    typeof createdAt !== 'number' ||
    id !== markKey(claim, kind as MarkKind, who.id)
  ) {
    return undefined;
  }
  return {
    id,
    claim,
    kind: kind as MarkKind,
    note: typeof note === 'string' ? note : '',
    author: who,
    createdAt,
  };
}
