import type * as Y from 'yjs';
import type { ClaimId, PassageId, SourceId } from '../ids.ts';
import { listClaims } from '../records/Claim.ts';
import { listEvidence, type Stance } from '../records/Evidence.ts';
import { resolvePassages } from '../records/Passage.ts';
import { listRelations, type RelationView } from '../records/Relation.ts';
import { listSources, sourceText } from '../records/Source.ts';

/**
 * A map as the comparison reads it: plain data taken once from the model's read queries
 * (so only live records count, as in every view), so that one reference can be compared
 * with many copies without reading its document again, and so that nothing here knows the
 * document's keys.
 */
export interface ComparableMap {
  claims: { id: ClaimId; text: string }[];
  relations: RelationView[];
  sources: ComparableSource[];
  /** Every live citation whose passage is anchored, with where its words are now. */
  citations: ComparableCitation[];
}

export interface ComparableSource {
  id: SourceId;
  title: string;
  text: string;
}

export interface ComparableCitation {
  claim: ClaimId;
  passage: PassageId;
  source: SourceId;
  stance: Stance;
  start: number;
  end: number;
  /** The quote as captured, with context: relocates the passage in another copy's text. */
  exact: string;
  prefix: string;
  suffix: string;
}

/** Reads a map for comparison (see `ComparableMap`). */
export function comparableMap(doc: Y.Doc): ComparableMap {
  const sources = listSources(doc).map((s) => {
    const text = sourceText(doc, s.id) ?? '';
    return { id: s.id, title: s.title, text };
  });
  const anchored = new Map<PassageId, { source: SourceId; start: number; end: number }>();
  const quotes = new Map<PassageId, { exact: string; prefix: string; suffix: string }>();
  for (const r of resolvePassages(doc)) {
    quotes.set(r.passage.id, r.passage.quote);
    if (r.status === 'anchored') {
      anchored.set(r.passage.id, { source: r.passage.source, start: r.start, end: r.end });
    }
  }
  const citations: ComparableCitation[] = [];
  for (const e of listEvidence(doc)) {
    const at = anchored.get(e.passage);
    const quote = quotes.get(e.passage);
    if (!at || !quote) continue;
    citations.push({ claim: e.claim, passage: e.passage, stance: e.stance, ...at, ...quote });
  }
  return {
    claims: listClaims(doc).map((c) => ({ id: c.id, text: c.text })),
    relations: listRelations(doc),
    sources,
    citations,
  };
}

/**
 * A source text's content fingerprint: 64 bits from two 32-bit multiplicative hashes (FNV-1a
 * and a variant with another prime) of the text with every
 * run of whitespace made one space and the ends trimmed, so the same document pasted twice
 * (with other line breaks) is recognised as one source in two independently built maps. Not
 * a security hash: it only pairs sources, and equal titles are the fallback anyway.
 */
export function sourceFingerprint(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ flat.length;
  for (let i = 0; i < flat.length; i++) {
    const c = flat.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * Which reference source each student source is, in this order: the same id (a copy made
 * from the reference or from one template forks its document, so its sources keep their
 * ids), the same content fingerprint, then the same title (case and spacing aside). One
 * reference source is paired with at most one student source.
 */
export function pairSources(
  student: readonly ComparableSource[],
  reference: readonly ComparableSource[],
): Map<SourceId, ComparableSource> {
  const out = new Map<SourceId, ComparableSource>();
  const taken = new Set<SourceId>();
  const byId = new Map(reference.map((s) => [s.id, s]));
  const title = (s: ComparableSource) => s.title.replace(/\s+/g, ' ').trim().toLowerCase();
  // Fingerprints only for sources their id does not pair: copies need none.
  const prints = new Map<ComparableSource, string>();
  const print = (s: ComparableSource) => {
    let p = prints.get(s);
    if (p === undefined) prints.set(s, (p = sourceFingerprint(s.text)));
    return p;
  };
  const rules: ((s: ComparableSource) => ComparableSource | undefined)[] = [
    (s) => byId.get(s.id),
    (s) => reference.find((r) => !taken.has(r.id) && print(r) === print(s)),
    (s) => reference.find((r) => !taken.has(r.id) && title(r) === title(s)),
  ];
  for (const rule of rules) {
    for (const s of student) {
      if (out.has(s.id)) continue;
      const r = rule(s);
      if (r && !taken.has(r.id)) {
        out.set(s.id, r);
        taken.add(r.id);
      }
    }
  }
  return out;
}
