import type * as Y from 'yjs';
import { listMarks } from './Mark.ts';
import { reviewCollections, readAuthor, type ReviewAuthor } from './schema.ts';
import { listSuggestions } from './Suggestion.ts';
import { readTarget, targetChecker, targetKey, type ReviewTarget } from './target.ts';
import { allThreads, isResolved, type ThreadView } from './Thread.ts';

export interface ThreadFilter {
  /** Open (the default), resolved, or all threads. */
  status?: 'open' | 'resolved' | 'all';
  /** Only threads this author id started, wrote in, or is mentioned in ("mine"). */
  involving?: string;
  /** Only threads on this target. */
  target?: ReviewTarget;
}

/** Threads matching `filter`, oldest first (the Comments panel's list). */
export function listThreads(doc: Y.Doc, filter: ThreadFilter = {}): ThreadView[] {
  const status = filter.status ?? 'open';
  const key = filter.target && targetKey(filter.target);
  return allThreads(doc).filter(
    (t) =>
      (status === 'all' || t.resolved === (status === 'resolved')) &&
      (key === undefined || targetKey(t.target) === key) &&
      (filter.involving === undefined || involves(t, filter.involving)),
  );
}

/** Every thread on one target, open and resolved, oldest first. */
export function threadsOn(doc: Y.Doc, target: ReviewTarget): ThreadView[] {
  return listThreads(doc, { status: 'all', target });
}

/**
 * Open threads per target, keyed by `targetKey` (the count on each card and outline row).
 * Reads records' fields without building views, so it stays cheap with many comments.
 */
export function openThreadCounts(doc: Y.Doc): Map<string, number> {
  const { threads, comments } = reviewCollections(doc);
  const withComments = new Set<unknown>();
  comments.forEach((record) => withComments.add(record.get('thread')));
  const out = new Map<string, number>();
  threads.forEach((record, id) => {
    const target = readTarget(record.get('target'));
    if (!target || !withComments.has(id) || isResolved(record.get('status'))) return;
    const key = targetKey(target);
    out.set(key, (out.get(key) ?? 0) + 1);
  });
  return out;
}

/** A thread with whether what it is on still exists in the map. */
export type PlacedThread = ThreadView & { targetExists: boolean };

/**
 * Threads (matching `filter`) each with `targetExists`, given the map: a thread whose target
 * is gone shows as "on a deleted claim" (relation, passage) and can no longer jump to it.
 */
export function placeThreads(
  reviewDoc: Y.Doc,
  mapDoc: Y.Doc,
  filter: ThreadFilter = {},
): PlacedThread[] {
  const exists = targetChecker(mapDoc);
  return listThreads(reviewDoc, filter).map((t) => ({ ...t, targetExists: exists(t.target) }));
}

/** Threads (of any status) on something the map no longer has. */
export function threadsOnDeletedTargets(reviewDoc: Y.Doc, mapDoc: Y.Doc): ThreadView[] {
  const exists = targetChecker(mapDoc);
  return listThreads(reviewDoc, { status: 'all' }).filter((t) => !exists(t.target));
}

/**
 * Everyone who has written in the review document (comments, marks, suggestions), by id,
 * for @mention completion; the client adds the people present and the map's authors.
 */
export function reviewPeople(doc: Y.Doc): ReviewAuthor[] {
  const people = new Map<string, ReviewAuthor>();
  const add = (a: ReviewAuthor | undefined): void => {
    if (a && !people.has(a.id)) people.set(a.id, a);
  };
  reviewCollections(doc).comments.forEach((record) => add(readAuthor(record.get('author'))));
  for (const mark of listMarks(doc)) add(mark.author);
  for (const s of listSuggestions(doc)) add(s.author);
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function involves(thread: ThreadView, author: string): boolean {
  return (
    thread.author.id === author ||
    thread.comments.some((c) => c.author.id === author || c.mentions.some((m) => m.id === author))
  );
}

/** How many threads, comments, marks and suggestions the document holds (for summaries). */
export function reviewStats(
  doc: Y.Doc,
): Record<'threads' | 'comments' | 'marks' | 'suggestions', number> {
  const { threads, comments, marks, suggestions } = reviewCollections(doc);
  return {
    threads: threads.size,
    comments: comments.size,
    marks: marks.size,
    suggestions: suggestions.size,
  };
}
