import * as Y from 'yjs';
import {
  locateQuote,
  quoteSelector,
  type TextPositionSelector,
  type TextQuoteSelector,
  type TextRange,
} from '../anchoring.ts';
import { ModelError } from '../errors.ts';
import { newId, type PassageId, type SourceId } from '../ids.ts';
import { collections, now, transact } from '../schema.ts';
import { removeEvidenceWhere } from './Evidence.ts';
import { isObject } from './fields.ts';
import { sourceBody } from './Source.ts';

/**
 * A passage: an exact quoted span of a source.
 *
 * Shape: `passages[id] = { source, anchor: { start, end } | null, quote: TextQuoteSelector,
 * position: TextPositionSelector, author, createdAt }`, a plain value because a passage never
 * changes after it is made. `anchor` holds Yjs relative positions (as JSON) into the source's
 * body: they follow the words through any later edit of the source. `quote` and `position` are
 * the W3C Web Annotation selectors as captured at creation: they keep the original words when
 * the anchored text is edited or deleted, and re-anchor the passage in another document
 * (JSON import), where relative positions mean nothing. `anchor` is null for a passage whose
 * quote could not be found on import.
 */
export interface PassageView {
  id: PassageId;
  source: SourceId;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  author: string;
  createdAt: number;
}

export type PassageResolution =
  | {
      status: 'anchored';
      start: number;
      end: number;
      /** The words there now (may differ from `quote.exact` after edits inside the span). */
      text: string;
      /** True when the anchored words no longer equal the original quote. */
      changed: boolean;
      passage: PassageView;
    }
  | {
      /** Every word of the passage was deleted, or it could not be found on import. */
      status: 'orphaned';
      passage: PassageView;
    };

export type NewPassage =
  | { source: SourceId; exact: string; prefix?: string; suffix?: string; author?: string }
  | { source: SourceId; start: number; end: number; author?: string };

interface AnchorJson {
  start: unknown;
  end: unknown;
}

export function addPassage(doc: Y.Doc, input: NewPassage): PassageId {
  const id = newId();
  transact(doc, () => {
    const body = sourceBody(doc, input.source);
    if (!body) throw new ModelError(`There is no source ${input.source}.`);
    const text = body.toString();
    let range: TextRange | null;
    if ('exact' in input) {
      range = locateQuote(text, input);
      if (!range)
        throw new ModelError(`The quote "${shorten(input.exact)}" is not in that source.`);
    } else {
      range = { start: input.start, end: input.end };
      const ok = Number.isInteger(range.start) && Number.isInteger(range.end);
      if (!ok || range.start < 0 || range.end > text.length || range.start >= range.end) {
        throw new ModelError('A passage must cover some text inside its source.');
      }
    }
    writePassage(doc, id, {
      source: input.source,
      range,
      quote: quoteSelector(text, range),
      author: input.author ?? '',
      createdAt: now(),
    });
  });
  return id;
}

/**
 * Inserts a passage under a given id from its selectors (JSON import). Returns false when the
 * quote could not be found in the source: the passage is still kept, orphaned, with its
 * original words, rather than dropped.
 */
export function insertPassageBySelector(
  doc: Y.Doc,
  id: PassageId,
  p: Omit<PassageView, 'id'>,
): boolean {
  let found = false;
  transact(doc, () => {
    const body = sourceBody(doc, p.source);
    if (!body) throw new ModelError(`There is no source ${p.source}.`);
    if (collections(doc).passages.has(id)) throw new ModelError(`Passage ${id} already exists.`);
    const range = locateQuote(body.toString(), p.quote, p.position);
    found = range !== null;
    writePassage(doc, id, { ...p, range, position: p.position });
  });
  return found;
}

function writePassage(
  doc: Y.Doc,
  id: PassageId,
  p: {
    source: SourceId;
    range: TextRange | null;
    quote: TextQuoteSelector;
    position?: TextPositionSelector;
    author: string;
    createdAt: number;
  },
): void {
  const body = sourceBody(doc, p.source) as Y.Text;
  const anchor = p.range && {
    // The start sticks to the passage's first character and the end to its last, so text
    // typed just before or just after the passage does not become part of it.
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(body, p.range.start, 0)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(body, p.range.end, -1)),
  };
  collections(doc).passages.set(id, {
    source: p.source,
    anchor,
    quote: p.quote,
    position:
      p.position ?? (p.range ? { start: p.range.start, end: p.range.end } : { start: 0, end: 0 }),
    author: p.author,
    createdAt: p.createdAt,
  });
}

/** Where a passage is now, or that it is orphaned. Undefined if there is no such passage. */
export function resolvePassage(doc: Y.Doc, id: PassageId): PassageResolution | undefined {
  if (!getPassage(doc, id)) return undefined;
  return resolveWith(doc, id, collections(doc).passages.get(id), new Map());
}

/**
 * Every passage (of one source, if given) resolved, in creation order. Reads each source's
 * text once, so resolving many passages of a long source stays linear.
 */
export function resolvePassages(doc: Y.Doc, source?: SourceId): PassageResolution[] {
  const { passages } = collections(doc);
  const texts = new Map<Y.Text, string>();
  const out: PassageResolution[] = [];
  for (const p of listPassages(doc, source)) {
    const r = resolveWith(doc, p.id, passages.get(p.id), texts);
    if (r) out.push(r);
  }
  return out;
}

/**
 * The passage of `source` anchored exactly at `range`, if there is one: citing the same
 * words for another claim reuses it rather than stacking a twin on top.
 */
export function findPassage(doc: Y.Doc, source: SourceId, range: TextRange): PassageId | undefined {
  return resolvePassages(doc, source).find(
    (r) => r.status === 'anchored' && r.start === range.start && r.end === range.end,
  )?.passage.id;
}

function resolveWith(
  doc: Y.Doc,
  id: PassageId,
  raw: unknown,
  texts: Map<Y.Text, string>,
): PassageResolution | undefined {
  const passage = readPassage(id, raw);
  if (!passage || !isObject(raw)) return undefined;
  const body = sourceBody(doc, passage.source);
  const anchor = raw.anchor as AnchorJson | null;
  if (!body || !anchor) return { status: 'orphaned', passage };
  const start = absolute(doc, body, anchor.start);
  const end = absolute(doc, body, anchor.end);
  if (start === null || end === null || end <= start) return { status: 'orphaned', passage };
  let whole = texts.get(body);
  if (whole === undefined) {
    whole = body.toString();
    texts.set(body, whole);
  }
  const text = whole.slice(start, end);
  return { status: 'anchored', start, end, text, changed: text !== passage.quote.exact, passage };
}

function absolute(doc: Y.Doc, body: Y.Text, json: unknown): number | null {
  if (!isObject(json)) return null;
  const abs = Y.createAbsolutePositionFromRelativePosition(
    Y.createRelativePositionFromJSON(json),
    doc,
  );
  return abs && abs.type === body ? abs.index : null;
}

/** The passage if it is live (see `livePassages`), else undefined. */
export function getPassage(doc: Y.Doc, id: PassageId): PassageView | undefined {
  return liveView(doc, id, collections(doc).passages.get(id));
}

/**
 * The passages a reader should see, by id. A passage is *live* when its record exists and
 * its source is live. Removing a source removes its passages, but a passage someone made in
 * that source at the same moment escapes the cascade and stays behind, pointing at nothing;
 * it is not live, and nor is any citation of it. Every query, count and export goes
 * through this (or `getPassage`, the same rule for one id).
 */
export function livePassages(doc: Y.Doc): Map<PassageId, PassageView> {
  const live = new Map<PassageId, PassageView>();
  collections(doc).passages.forEach((raw, id) => {
    const p = liveView(doc, id, raw);
    if (p) live.set(id, p);
  });
  return live;
}

/** Live passages (of one source, if given), in creation order. */
export function listPassages(doc: Y.Doc, source?: SourceId): PassageView[] {
  return [...livePassages(doc).values()]
    .filter((p) => source === undefined || p.source === source)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** The liveness rule for passages: a readable record whose source exists. */
function liveView(doc: Y.Doc, id: PassageId, raw: unknown): PassageView | undefined {
  const p = readPassage(id, raw);
  return p && collections(doc).sources.has(p.source) ? p : undefined;
}

export function removePassage(doc: Y.Doc, id: PassageId): void {
  transact(doc, () => {
    const { passages } = collections(doc);
    if (!passages.has(id)) throw new ModelError(`There is no passage ${id}.`);
    removeEvidenceWhere(doc, (e) => e.passage === id);
    passages.delete(id);
  });
}

function readPassage(id: PassageId, raw: unknown): PassageView | undefined {
  if (!isObject(raw) || typeof raw.source !== 'string') return undefined;
  const q = raw.quote;
  const pos = raw.position;
  if (!isObject(q) || typeof q.exact !== 'string' || !isObject(pos)) return undefined;
  return {
    id,
    source: raw.source,
    quote: {
      exact: q.exact,
      prefix: typeof q.prefix === 'string' ? q.prefix : '',
      suffix: typeof q.suffix === 'string' ? q.suffix : '',
    },
    position: {
      start: typeof pos.start === 'number' ? pos.start : 0,
      end: typeof pos.end === 'number' ? pos.end : 0,
    },
    author: typeof raw.author === 'string' ? raw.author : '',
    createdAt: typeof raw.createdAt === 'number' ? raw.createdAt : 0,
  };
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
