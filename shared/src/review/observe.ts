import type * as Y from 'yjs';
import type { ClaimId } from '../ids.ts';
import type { ThreadId } from './Comment.ts';
import { readMark } from './Mark.ts';
import { reviewCollections } from './schema.ts';
import type { SuggestionId } from './Suggestion.ts';

/**
 * What one transaction of the review document changed, by id, so views redo only what they
 * show (a card's badges only when `marks` names its claim).
 */
export interface ReviewChange {
  readonly origin: unknown;
  /** Threads whose record or any of whose comments changed (added, edited, resolved...). */
  readonly threads: ReadonlySet<ThreadId>;
  /** Claims whose marks changed. */
  readonly marks: ReadonlySet<ClaimId>;
  readonly suggestions: ReadonlySet<SuggestionId>;
}

/**
 * Calls `onChange` once after every transaction that changed review data (local or remote),
 * with what it changed. Returns the unsubscribe function.
 */
export function observeReview(doc: Y.Doc, onChange: (change: ReviewChange) => void): () => void {
  const c = reviewCollections(doc);
  const handler = (tr: Y.Transaction): void => {
    const threads = new Set<ThreadId>();
    const marks = new Set<ClaimId>();
    const suggestions = new Set<SuggestionId>();
    const changed: ReadonlyMap<unknown, Y.YEvent<Y.AbstractType<unknown>>[]> =
      tr.changedParentTypes;
    for (const event of changed.get(c.threads.type) ?? []) {
      keysOf(event, c.threads.type).forEach((id) => threads.add(id));
    }
    for (const event of changed.get(c.comments.type) ?? []) {
      for (const id of keysOf(event, c.comments.type)) {
        const thread = c.comments.get(id)?.get('thread');
        if (typeof thread === 'string') threads.add(thread);
      }
    }
    for (const event of changed.get(c.marks) ?? []) {
      if (event.target !== c.marks) continue;
      for (const [key, change] of event.keys) {
        const mark = readMark(key, c.marks.get(key)) ?? readMark(key, change.oldValue);
        if (mark) marks.add(mark.claim);
      }
    }
    for (const event of changed.get(c.suggestions.type) ?? []) {
      keysOf(event, c.suggestions.type).forEach((id) => suggestions.add(id));
    }
    if (threads.size + marks.size + suggestions.size === 0) return;
    onChange({ origin: tr.origin, threads, marks, suggestions });
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}

/** The record ids an event on a collection (or inside one of its records) is about. */
function keysOf(event: Y.YEvent<Y.AbstractType<unknown>>, collection: Y.Map<unknown>): string[] {
  if (event.target === collection) return [...event.keys.keys()];
  const item = event.target._item;
  return item && item.parent === collection && item.parentSub ? [item.parentSub] : [];
}
