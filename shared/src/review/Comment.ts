import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { newId } from '../ids.ts';
import { byCreation, str } from '../records/fields.ts';
import { now } from '../schema.ts';
import { MAX_MENTIONS, parseMentions } from './mentions.ts';
import {
  checkAuthor,
  checkText,
  optionalNum,
  readAuthor,
  reviewCollections,
  reviewTransact,
  type ReviewAuthor,
} from './schema.ts';

/**
 * A comment: one message in a thread. Comments are records of their own in one flat
 * collection, each naming its thread, rather than an array inside the thread: two people
 * replying at once each add their own record, and nothing is ever inserted into a shared list.
 *
 * Shape: `comments[id] = Y.Map { thread, author: {id, name}, text, createdAt, editedAt?,
 * deleted, mentions: {id, name}[] }`. Only the author edits or deletes a comment (honest
 * clients; the relay enforces only the role). Deleting keeps the record with its text emptied
 * (a tombstone), so the thread and the replies after it stay readable.
 */
export type CommentId = string;
export type ThreadId = string;

export interface CommentView {
  id: CommentId;
  thread: ThreadId;
  author: ReviewAuthor;
  /** Empty once deleted. */
  text: string;
  createdAt: number;
  editedAt?: number;
  deleted: boolean;
  mentions: ReviewAuthor[];
}

export interface NewComment {
  author: ReviewAuthor;
  text: string;
  /** Who it mentions; else parsed from `text` (see `parseMentions`) against `people`. */
  mentions?: ReviewAuthor[];
  /** Everyone who has been on the map, for parsing `@Name` in `text`. */
  people?: readonly ReviewAuthor[];
}

export const MAX_COMMENT_TEXT = 10_000;

/** Adds a reply to the end of a thread. */
export function reply(doc: Y.Doc, thread: ThreadId, input: NewComment): CommentId {
  return reviewTransact(doc, () => {
    if (!reviewCollections(doc).threads.has(thread)) {
      throw new ModelError(`There is no thread ${thread}.`);
    }
    return insertComment(doc, thread, input);
  });
}

/** Writes a comment record (the thread is checked by the caller). */
export function insertComment(doc: Y.Doc, thread: ThreadId, input: NewComment): CommentId {
  const author = checkAuthor(input.author);
  const text = checkText(input.text, MAX_COMMENT_TEXT, 'A comment');
  const mentions = checkMentions(input.mentions ?? parseMentions(text, input.people));
  const id = newId();
  const record = new Y.Map<unknown>();
  record.set('thread', thread);
  record.set('author', author);
  record.set('text', text);
  record.set('createdAt', now());
  record.set('deleted', false);
  record.set('mentions', mentions);
  reviewCollections(doc).comments.set(id, record);
  return id;
}

/** Replaces the text of one's own comment (and its mentions), stamping `editedAt`. */
export function editComment(
  doc: Y.Doc,
  id: CommentId,
  by: ReviewAuthor,
  text: string,
  options: { mentions?: ReviewAuthor[]; people?: readonly ReviewAuthor[] } = {},
): void {
  const checked = checkText(text, MAX_COMMENT_TEXT, 'A comment');
  const mentions = checkMentions(options.mentions ?? parseMentions(checked, options.people));
  reviewTransact(doc, () => {
    const record = ownComment(doc, id, by, 'edit');
    if (record.get('deleted') === true) throw new ModelError('A deleted comment cannot be edited.');
    record.set('text', checked);
    record.set('mentions', mentions);
    record.set('editedAt', now());
  });
}

/** Deletes one's own comment: its text and mentions go, the record stays as a tombstone. */
export function deleteComment(doc: Y.Doc, id: CommentId, by: ReviewAuthor): void {
  reviewTransact(doc, () => {
    const record = ownComment(doc, id, by, 'delete');
    if (record.get('deleted') === true) return;
    record.set('text', '');
    record.set('mentions', []);
    record.set('deleted', true);
  });
}

export function getComment(doc: Y.Doc, id: CommentId): CommentView | undefined {
  const record = reviewCollections(doc).comments.get(id);
  return record ? viewComment(id, record) : undefined;
}

/** Every readable comment, grouped by thread, each group in creation order. */
export function commentsByThread(doc: Y.Doc): Map<ThreadId, CommentView[]> {
  const out = new Map<ThreadId, CommentView[]>();
  reviewCollections(doc).comments.forEach((record, id) => {
    const view = viewComment(id, record);
    if (!view) return;
    const list = out.get(view.thread);
    if (list) list.push(view);
    else out.set(view.thread, [view]);
  });
  for (const list of out.values()) list.sort(byCreation);
  return out;
}

/** A comment as stored, or undefined for a record a foreign writer left without its fields. */
export function viewComment(id: CommentId, record: Y.Map<unknown>): CommentView | undefined {
  const thread = str(record, 'thread');
  const author = readAuthor(record.get('author'));
  const createdAt = record.get('createdAt');
  if (!thread || !author || typeof createdAt !== 'number') return undefined;
  const deleted = record.get('deleted') === true;
  const editedAt = optionalNum(record, 'editedAt');
  const mentions = record.get('mentions');
  return {
    id,
    thread,
    author,
    text: deleted ? '' : str(record, 'text'),
    createdAt,
    ...(editedAt !== undefined ? { editedAt } : {}),
    deleted,
    mentions:
      !deleted && Array.isArray(mentions)
        ? mentions.flatMap((m) => readAuthor(m) ?? []).slice(0, MAX_MENTIONS)
        : [],
  };
}

function ownComment(
  doc: Y.Doc,
  id: CommentId,
  by: ReviewAuthor,
  action: 'edit' | 'delete',
): Y.Map<unknown> {
  const record = reviewCollections(doc).comments.get(id);
  if (!record) throw new ModelError(`There is no comment ${id}.`);
  if (readAuthor(record.get('author'))?.id !== by?.id) {
    throw new ModelError(`Only its author can ${action} a comment.`);
  }
  return record;
}

function checkMentions(mentions: readonly ReviewAuthor[]): ReviewAuthor[] {
  if (!Array.isArray(mentions)) throw new ModelError('Mentions are a list of people.');
  if (mentions.length > MAX_MENTIONS) {
    throw new ModelError(`A comment can mention at most ${MAX_MENTIONS} people.`);
  }
  return mentions.map((m) => {
    const name = typeof m?.name === 'string' ? m.name.trim() : '';
    if (!name || typeof m.id !== 'string') {
      throw new ModelError('A mention needs a name.');
    }
    return { id: m.id, name };
  });
}
