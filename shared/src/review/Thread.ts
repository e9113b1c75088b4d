import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { newId } from '../ids.ts';
import { byCreation } from '../records/fields.ts';
import { now } from '../schema.ts';
import {
  commentsByThread,
  insertComment,
  viewComment,
  type CommentId,
  type CommentView,
  type NewComment,
  type ThreadId,
} from './Comment.ts';
import {
  checkAuthor,
  readAuthor,
  reviewCollections,
  reviewTransact,
  type ReviewAuthor,
} from './schema.ts';
import { checkTarget, readTarget, type ReviewTarget } from './target.ts';

/**
 * A comment thread on one target: its first comment and the replies after it, which any
 * commenter can resolve and reopen.
 *
 * Shape: `threads[id] = Y.Map { target: {kind, id}, author, createdAt, status?: {resolved,
 * by, at} }`. The status is one value set whole, so resolve and reopen at once end with one
 * of them (last writer wins) and its who-and-when always match. The comments are in
 * `comments` (see `Comment.ts`); the thread record and its first comment are written in one
 * transaction, so a thread never exists without one.
 */
export interface ThreadView {
  id: ThreadId;
  target: ReviewTarget;
  /** Who started it. */
  author: ReviewAuthor;
  createdAt: number;
  resolved: boolean;
  /** Who resolved or reopened it last, and when; absent while never resolved. */
  statusBy?: ReviewAuthor;
  statusAt?: number;
  /** The first comment and every reply, in order; deleted ones are tombstones. */
  comments: CommentView[];
}

export interface NewThread extends NewComment {
  target: ReviewTarget;
}

/** Starts a thread on `target` with its first comment. */
export function startThread(
  doc: Y.Doc,
  input: NewThread,
): { thread: ThreadId; comment: CommentId } {
  const target = checkTarget(input.target);
  const author = checkAuthor(input.author);
  return reviewTransact(doc, () => {
    const thread = newId();
    const record = new Y.Map<unknown>();
    record.set('target', target);
    record.set('author', author);
    record.set('createdAt', now());
    reviewCollections(doc).threads.set(thread, record);
    const comment = insertComment(doc, thread, input);
    return { thread, comment };
  });
}

export function resolveThread(doc: Y.Doc, id: ThreadId, by: ReviewAuthor): void {
  setStatus(doc, id, by, true);
}

export function reopenThread(doc: Y.Doc, id: ThreadId, by: ReviewAuthor): void {
  setStatus(doc, id, by, false);
}

export function getThread(doc: Y.Doc, id: ThreadId): ThreadView | undefined {
  const record = reviewCollections(doc).threads.get(id);
  if (!record) return undefined;
  const comments: CommentView[] = [];
  reviewCollections(doc).comments.forEach((c, cid) => {
    if (c.get('thread') !== id) return;
    const view = viewComment(cid, c);
    if (view) comments.push(view);
  });
  return viewThread(id, record, comments.sort(byCreation));
}

/** Every readable thread with its comments, oldest first. */
export function allThreads(doc: Y.Doc): ThreadView[] {
  const comments = commentsByThread(doc);
  const out: ThreadView[] = [];
  reviewCollections(doc).threads.forEach((record, id) => {
    const view = viewThread(id, record, comments.get(id) ?? []);
    if (view) out.push(view);
  });
  return out.sort(byCreation);
}

function viewThread(
  id: ThreadId,
  record: Y.Map<unknown>,
  comments: CommentView[],
): ThreadView | undefined {
  const target = readTarget(record.get('target'));
  const author = readAuthor(record.get('author'));
  const createdAt = record.get('createdAt');
  if (!target || !author || typeof createdAt !== 'number' || !comments.length) return undefined;
  const status = readStatus(record.get('status'));
  return {
    id,
    target,
    author,
    createdAt,
    resolved: status?.resolved ?? false,
    ...(status ? { statusBy: status.by, statusAt: status.at } : {}),
    comments,
  };
}

function setStatus(doc: Y.Doc, id: ThreadId, by: ReviewAuthor, resolved: boolean): void {
  const who = checkAuthor(by, 'Whoever resolves a thread');
  reviewTransact(doc, () => {
    const record = reviewCollections(doc).threads.get(id);
    if (!record) throw new ModelError(`There is no thread ${id}.`);
    if ((readStatus(record.get('status'))?.resolved ?? false) === resolved) return;
    record.set('status', { resolved, by: who, at: now() });
  });
}

/** Whether a stored thread status says resolved. */
export function isResolved(status: unknown): boolean {
  return readStatus(status)?.resolved ?? false;
}

function readStatus(v: unknown): { resolved: boolean; by: ReviewAuthor; at: number } | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { resolved, by, at } = v as Record<string, unknown>;
  const author = readAuthor(by);
  return typeof resolved === 'boolean' && author && typeof at === 'number'
    ? { resolved, by: author, at }
    : undefined;
}
