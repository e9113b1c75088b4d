import { locateQuote } from '../anchoring.ts';
import type { ClaimId, SourceId } from '../ids.ts';
import {
  pairSources,
  type ComparableCitation,
  type ComparableMap,
  type ComparableSource,
} from './comparable.ts';
import {
  contentWords,
  cosine,
  assignBySimilarity,
  TEXT_SIMILARITY_THRESHOLD,
  WordWeights,
  type WordVector,
} from './similarity.ts';

/**
 * The reference side of a comparison, read once: its claims' word vectors and its citations
 * by source, so comparing one reference with many copies tokenizes and indexes it once.
 */
export interface PreparedReference {
  map: ComparableMap;
  weights: WordWeights;
  vectors: WordVector[];
  /** Each source's citations, by start. */
  citations: Map<SourceId, ComparableCitation[]>;
  index: Map<ClaimId, number>;
}

export function prepareReference(map: ComparableMap): PreparedReference {
  const words = map.claims.map((c) => contentWords(c.text));
  const weights = new WordWeights(words);
  const citations = new Map<SourceId, ComparableCitation[]>();
  for (const c of map.citations) {
    let list = citations.get(c.source);
    if (!list) citations.set(c.source, (list = []));
    list.push(c);
  }
  for (const list of citations.values()) list.sort((a, b) => a.start - b.start);
  return {
    map,
    weights,
    vectors: words.map((w) => weights.vector(w)),
    citations,
    index: new Map(map.claims.map((c, i) => [c.id, i])),
  };
}

/** How a student claim came to be matched with a reference claim. */
export interface ClaimMatch {
  student: ClaimId;
  reference: ClaimId;
  /** `passage`: they cite overlapping spans of the same source; `text`: their words. */
  by: 'passage' | 'text';
  /** TF-IDF cosine of their words (see `TEXT_SIMILARITY_THRESHOLD`), 0..1. */
  similarity: number;
  /** How many of their citations overlap (0 for a match by text). */
  sharedPassages: number;
}

/**
 * Pairs student claims with reference claims, one to one. First by citations: two claims
 * that cite overlapping spans of the same source (the same source by id, fingerprint or
 * title, `pairSources`) are candidates, scored by how many of their citations overlap and
 * then by their words' similarity. Then, among the claims left, by words alone, at least
 * `threshold` alike. In each round the best pairs are taken first and a claim taken is out
 * of every other pair; ties go to the earlier claims, so the answer is deterministic.
 */
export function alignClaims(
  student: ComparableMap,
  reference: PreparedReference,
  threshold = TEXT_SIMILARITY_THRESHOLD,
): ClaimMatch[] {
  const ref = reference.map;
  const vectors = student.claims.map((c) => reference.weights.vector(contentWords(c.text)));
  const studentIndex = new Map(student.claims.map((c, i) => [c.id, i]));
  const matches: ClaimMatch[] = [];
  const takenS = new Set<number>();
  const takenR = new Set<number>();

  // Round 1: citations of overlapping spans.
  const shared = new Map<string, { i: number; j: number; count: number }>();
  const sources = pairSources(student.sources, ref.sources);
  const spans = new Map<
    SourceId,
    (c: ComparableCitation) => { start: number; end: number } | null
  >();
  const spanIn = (source: ComparableSource, target: ComparableSource) => {
    if (source.text === target.text) return (c: ComparableCitation) => c;
    return (c: ComparableCitation) => locateQuote(target.text, c, { start: c.start, end: c.end });
  };
  for (const s of student.sources) {
    const r = sources.get(s.id);
    if (r) spans.set(s.id, spanIn(s, r));
  }
  for (const c of student.citations) {
    const r = sources.get(c.source);
    const at = spans.get(c.source)?.(c);
    const i = studentIndex.get(c.claim);
    if (!r || !at || i === undefined) continue;
    for (const rc of reference.citations.get(r.id) ?? []) {
      if (rc.start >= at.end) break;
      if (rc.end <= at.start) continue;
      const j = reference.index.get(rc.claim);
      if (j === undefined) continue;
      const key = `${i} ${j}`;
      const pair = shared.get(key);
      if (pair) pair.count++;
      else shared.set(key, { i, j, count: 1 });
    }
  }
  const byPassage = [...shared.values()].map((p) => ({
    ...p,
    similarity: cosine(vectors[p.i] as WordVector, reference.vectors[p.j] as WordVector),
  }));
  byPassage.sort(
    (a, b) => b.count - a.count || b.similarity - a.similarity || a.i - b.i || a.j - b.j,
  );
  for (const p of byPassage) {
    if (takenS.has(p.i) || takenR.has(p.j)) continue;
    takenS.add(p.i);
    takenR.add(p.j);
    matches.push(match(p.i, p.j, 'passage', p.similarity, p.count));
  }

  // Round 2: words, among the claims left.
  const byText = assignBySimilarity(
    vectors,
    reference.vectors,
    threshold,
    (i) => takenS.has(i),
    (j) => takenR.has(j),
  );
  for (const p of byText) matches.push(match(p.student, p.reference, 'text', p.similarity, 0));
  return matches;

  function match(
    i: number,
    j: number,
    by: ClaimMatch['by'],
    similarity: number,
    sharedPassages: number,
  ): ClaimMatch {
    return {
      student: (student.claims[i] as { id: ClaimId }).id,
      reference: (ref.claims[j] as { id: ClaimId }).id,
      by,
      similarity: Math.round(similarity * 1000) / 1000,
      sharedPassages,
    };
  }
}
