import type * as Y from 'yjs';
import { ModelError, SchemaError } from '../errors.ts';
import { RecordMap } from '../schema.ts';

/**
 * The review layer (comments, marks, suggestions) lives in a Y.Doc of its own, one per map,
 * synced over its own room (`/sync/<mapId>/review`), never inside the map's document:
 *
 * - A commenter may write it while the map stays closed to them. Yjs cannot refuse part of an
 *   update, so the relay's write gate can only be one rule per document: the map needs
 *   `canEdit`, the review document `canComment`.
 * - One person's undo never removes another's comment: a client's `Y.UndoManager` tracks the
 *   map document's types only (`modelTypes`), and review operations are transactions of this
 *   other document, tagged `REVIEW_ORIGIN`, so no map undo can ever reach them. Review edits
 *   are deliberately not undoable at all (as in tldraw): deleting a comment is its own act.
 *
 * The review document has its own schema version (`REVIEW_SCHEMA_VERSION` in
 * `meta.schemaVersion`), stamped by the first write, so it can change without migrating maps.
 */
export const REVIEW_SCHEMA_VERSION = 1;

/** The origin of every transaction a review operation opens (unless it joins the caller's). */
export const REVIEW_ORIGIN = { warrant: 'review-local' } as const;

/**
 * Who wrote a review record: the device id (stable per browser) and the display name the
 * person gave, as presence shows it. `id` decides what is "one's own"; `name` is for reading.
 */
export interface ReviewAuthor {
  id: string;
  name: string;
}

export const MAX_AUTHOR_FIELD = 200;

/** Every collection is a top-level named type, so no client ever creates one (yjs#483). */
export function reviewCollections(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    threads: new RecordMap(doc.getMap<unknown>('threads')),
    comments: new RecordMap(doc.getMap<unknown>('comments')),
    marks: doc.getMap<unknown>('marks'),
    suggestions: new RecordMap(doc.getMap<unknown>('suggestions')),
  };
}

/** The review schema version a document was written with; 0 before its first write. */
export function reviewSchemaVersion(doc: Y.Doc): number {
  const v = reviewCollections(doc).meta.get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/** Throws `SchemaError` when a newer Warrant wrote this review document. */
export function checkReviewVersion(doc: Y.Doc): void {
  const version = reviewSchemaVersion(doc);
  if (version > REVIEW_SCHEMA_VERSION) {
    throw new SchemaError(
      'too-new',
      `These comments were saved by a newer Warrant (review schema ${version}); reload to update.`,
      version,
    );
  }
}

/**
 * Runs one review operation as one transaction tagged `REVIEW_ORIGIN` (or joining the
 * caller's), after checking the document is not from a newer schema, and stamps the version.
 */
export function reviewTransact<T>(doc: Y.Doc, fn: () => T): T {
  checkReviewVersion(doc);
  let result: T | undefined;
  doc.transact(() => {
    const { meta } = reviewCollections(doc);
    if (meta.get('schemaVersion') !== REVIEW_SCHEMA_VERSION) {
      meta.set('schemaVersion', REVIEW_SCHEMA_VERSION);
    }
    result = fn();
  }, REVIEW_ORIGIN);
  return result as T;
}

/** A validated copy of an author (for writing). */
export function checkAuthor(author: ReviewAuthor, what = 'The author'): ReviewAuthor {
  const id = typeof author?.id === 'string' ? author.id.trim() : '';
  const name = typeof author?.name === 'string' ? author.name.trim() : '';
  if (!id || !name) throw new ModelError(`${what} needs an id and a name.`);
  if (id.length > MAX_AUTHOR_FIELD || name.length > MAX_AUTHOR_FIELD) {
    throw new ModelError(`${what}'s id and name can be at most ${MAX_AUTHOR_FIELD} characters.`);
  }
  return { id, name };
}

/** An author as stored, or undefined for a value a foreign writer put there. */
export function readAuthor(v: unknown): ReviewAuthor | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { id, name } = v as Record<string, unknown>;
  return typeof id === 'string' && typeof name === 'string' ? { id, name } : undefined;
}

/** Trimmed, non-empty text of at most `max` characters, or a `ModelError` saying what is wrong. */
export function checkText(text: string, max: number, what: string): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!trimmed) throw new ModelError(`${what} cannot be empty.`);
  if (trimmed.length > max) throw new ModelError(`${what} can be at most ${max} characters.`);
  return trimmed;
}

export function optionalNum(record: Y.Map<unknown>, key: string): number | undefined {
  const v = record.get(key);
  return typeof v === 'number' ? v : undefined;
}
