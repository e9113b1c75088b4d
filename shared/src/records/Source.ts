import * as Y from 'yjs';
import { z } from 'zod';
import { lazySchema } from '../lazySchema.ts';
import { ModelError } from '../errors.ts';
import { newId, type SourceId } from '../ids.ts';
import { collections, now, transact } from '../schema.ts';
import { removeEvidenceWhere } from './Evidence.ts';
import { byCreation, num, str } from './fields.ts';

/**
 * A source document that passages quote: citation metadata plus its body text.
 *
 * Shape: `sources[id] = Y.Map { title, authors: string[], issued, kind, url, body: Y.Text,
 * author, createdAt }`. Each metadata field is its own entry so concurrent edits of different
 * fields both survive (yjs#255); the body is a `Y.Text` so editors can clean it up (a page
 * header, a footnote number) while passages stay anchored through relative positions.
 */
export interface SourceMeta {
  title: string;
  authors: string[];
  /** Date of issue as written in the citation: "2023", "2022-03-05". */
  issued: string;
  /** What kind of document: "journal article", "op-ed", "book"... */
  kind: string;
  url?: string;
}

export interface SourceView extends SourceMeta {
  id: SourceId;
  /** Length of the body in UTF-16 code units. */
  length: number;
  author: string;
  createdAt: number;
}

export interface NewSource extends SourceMeta {
  body: string;
  author?: string;
}

/** 5 MB of text: a long book. Larger bodies make every sync slow for everyone in the map. */
export const MAX_SOURCE_TEXT = 5_000_000;

export const sourceMetaSchema = lazySchema(() =>
  z.object({
    title: z.string().trim().min(1, 'A source needs a title.').max(500),
    authors: z.array(z.string().trim().min(1).max(200)).max(100),
    issued: z.string().max(40),
    kind: z.string().max(60),
    url: z
      .string()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u), 'A source URL must start with http:// or https://')
      .optional(),
  }),
);

export function addSource(doc: Y.Doc, input: NewSource): SourceId {
  if (typeof input.body !== 'string' || !input.body.trim()) {
    throw new ModelError('A source needs some text.');
  }
  const id = newId();
  insertSource(doc, id, { ...input, author: input.author ?? '', createdAt: now() });
  return id;
}

/** Inserts a source under a given id (import keeps ids). */
export function insertSource(
  doc: Y.Doc,
  id: SourceId,
  input: NewSource & { author: string; createdAt: number },
): void {
  const meta = parseMeta(input);
  if (input.body.length > MAX_SOURCE_TEXT) {
    throw new ModelError(`A source can hold at most ${MAX_SOURCE_TEXT} characters of text.`);
  }
  transact(doc, () => {
    const { sources } = collections(doc);
    if (sources.has(id)) throw new ModelError(`A source with id ${id} already exists.`);
    const record = new Y.Map<unknown>();
    writeMeta(record, meta);
    const body = new Y.Text();
    record.set('body', body);
    record.set('author', input.author);
    record.set('createdAt', input.createdAt);
    sources.set(id, record);
    body.insert(0, input.body);
  });
}

export function updateSource(doc: Y.Doc, id: SourceId, patch: Partial<SourceMeta>): void {
  const record = collections(doc).sources.get(id);
  if (!record) throw new ModelError(`There is no source ${id}.`);
  const meta = parseMeta({ ...readMeta(record), ...patch });
  transact(doc, () => writeMeta(record, meta, patch));
}

/** Removes a source with its passages and the citations of those passages. */
export function removeSource(doc: Y.Doc, id: SourceId): void {
  transact(doc, () => {
    const { sources, passages } = collections(doc);
    if (!sources.has(id)) throw new ModelError(`There is no source ${id}.`);
    const doomed: string[] = [];
    passages.forEach((p, pid) => {
      if (typeof p === 'object' && p !== null && (p as { source?: unknown }).source === id) {
        doomed.push(pid);
      }
    });
    removeEvidenceWhere(doc, (e) => doomed.includes(e.passage));
    for (const pid of doomed) passages.delete(pid);
    sources.delete(id);
  });
}

export function getSource(doc: Y.Doc, id: SourceId): SourceView | undefined {
  const record = collections(doc).sources.get(id);
  return record ? viewSource(id, record) : undefined;
}

export function listSources(doc: Y.Doc): SourceView[] {
  const out: SourceView[] = [];
  collections(doc).sources.forEach((record, id) => out.push(viewSource(id, record)));
  return out.sort(byCreation);
}

/** The source's body as a `Y.Text`, for the reader and for clean-up edits. */
export function sourceBody(doc: Y.Doc, id: SourceId): Y.Text | undefined {
  const body = collections(doc).sources.get(id)?.get('body');
  return body instanceof Y.Text ? body : undefined;
}

export function sourceText(doc: Y.Doc, id: SourceId): string | undefined {
  return sourceBody(doc, id)?.toString();
}

/** Edits a source's text (clean-up: delete a page header, fix a glued footnote number). */
export function editSourceText(
  doc: Y.Doc,
  id: SourceId,
  edit: { index: number; deleteCount?: number; insert?: string },
): void {
  transact(doc, () => {
    const body = sourceBody(doc, id);
    if (!body) throw new ModelError(`There is no source ${id}.`);
    const { index, deleteCount = 0, insert = '' } = edit;
    if (index < 0 || index + deleteCount > body.length) {
      throw new ModelError('That edit lies outside the source text.');
    }
    if (body.length - deleteCount + insert.length > MAX_SOURCE_TEXT) {
      throw new ModelError(`A source can hold at most ${MAX_SOURCE_TEXT} characters of text.`);
    }
    if (deleteCount) body.delete(index, deleteCount);
    if (insert) body.insert(index, insert);
  });
}

function parseMeta(input: SourceMeta): SourceMeta {
  const parsed = sourceMetaSchema.safeParse({
    title: input.title,
    authors: input.authors,
    issued: input.issued,
    kind: input.kind,
    ...(input.url ? { url: input.url } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelError(`Source ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function writeMeta(record: Y.Map<unknown>, meta: SourceMeta, only?: Partial<SourceMeta>): void {
  const fields = ['title', 'authors', 'issued', 'kind', 'url'] as const;
  for (const f of fields) {
    if (only && !(f in only)) continue;
    const v = meta[f];
    if (v === undefined) record.delete(f);
    else record.set(f, v);
  }
}

function readMeta(record: Y.Map<unknown>): SourceMeta {
  const authors = record.get('authors');
  const url = str(record, 'url');
  return {
    title: str(record, 'title'),
    authors: Array.isArray(authors)
      ? authors.filter((a): a is string => typeof a === 'string')
      : [],
    issued: str(record, 'issued'),
    kind: str(record, 'kind'),
    ...(url ? { url } : {}),
  };
}

function viewSource(id: SourceId, record: Y.Map<unknown>): SourceView {
  const body = record.get('body');
  return {
    id,
    ...readMeta(record),
    length: body instanceof Y.Text ? body.length : 0,
    author: str(record, 'author'),
    createdAt: num(record, 'createdAt'),
  };
}
