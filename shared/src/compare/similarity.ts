/**
 * How alike two claims' words are, for matching a student's claims with a reference map's
 * claims that cite no common passage.
 *
 * The measure: **cosine similarity of TF-IDF weighted word vectors**. A claim's text is
 * folded (Unicode compatibility form, accents dropped, lower case), split into runs of
 * letters and digits, common English function words (`STOPWORDS`) and one-letter words are
 * dropped, and a plural `s` is folded away ("alliances" = "alliance"). Each remaining word
 * weighs its count times its inverse document frequency over the reference map's claims,
 * `ln((N + 1) / (df + 1)) + 1`: a word every claim of the debate uses ("NATO") says little
 * about which claim is which, a rare one ("Article 51") says much. Two claims are the same
 * claim when their cosine is at least `TEXT_SIMILARITY_THRESHOLD`.
 *
 * Why not edit distance: a student rewords ("NATO defends its members" for "every NATO ally
 * is bound to defend the others") and reorders; shared content words survive that, letter
 * order does not. Cosine over an inverted index also keeps 1,000 × 1,000 claims fast: only
 * pairs that share a word are ever scored.
 */

/**
 * Claims whose TF-IDF cosine is at least this are taken for the same claim. 0.5 accepts a
 * claim restated with about half its content words kept, and refuses two claims of one
 * debate that share only its topic words. Measured on the NATO sample (24 claims): distinct
 * claims score below 0.4 against each other but for one pair, a claim and its rebuttal on
 * Chapter VIII (0.66); where both are in a map the one-to-one assignment keeps them apart,
 * since each matches itself at 1.
 */
export const TEXT_SIMILARITY_THRESHOLD = 0.5;

/** English function words that carry no claim's content. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each either few ' +
    'for from further had has have having he her here hers herself him himself his how i if in ' +
    'into is it its itself just let me more most my myself neither no nor not now of off on once ' +
    'only or other ought our ours ourselves out over own same shall she should so some such ' +
    'than that the their theirs them themselves then there these they this those through to too ' +
    'under until up upon us very was we were what when where which while who whom whose why ' +
    'will with would yet you your yours yourself yourselves'
  ).split(' '),
);

/** The content words of a text, folded as the module comment says, in order. */
export function contentWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const out: string[] = [];
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    let word = match[0];
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);
    out.push(word);
  }
  return out;
}

/** A claim's words as a unit-length TF-IDF vector: word → weight. */
export type WordVector = ReadonlyMap<string, number>;

/** Inverse document frequencies learnt from one set of texts (the reference's claims). */
export class WordWeights {
  private readonly df = new Map<string, number>();
  private readonly n: number;

  constructor(texts: readonly (readonly string[])[]) {
    this.n = texts.length;
    for (const words of texts)
      for (const w of new Set(words)) this.df.set(w, (this.df.get(w) ?? 0) + 1);
  }

  idf(word: string): number {
    return Math.log((this.n + 1) / ((this.df.get(word) ?? 0) + 1)) + 1;
  }

  /** The unit-length TF-IDF vector of a text's content words (empty for none). */
  vector(words: readonly string[]): WordVector {
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    let norm = 0;
    const out = new Map<string, number>();
    for (const [w, count] of tf) {
      const weight = count * this.idf(w);
      out.set(w, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [w, weight] of out) out.set(w, weight / norm);
    return out;
  }
}

/** Cosine of two unit vectors (see `WordWeights.vector`). */
export function cosine(a: WordVector, b: WordVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, x] of small) dot += x * (large.get(w) ?? 0);
  return Math.min(1, dot);
}

/** Similarities are compared at this resolution (2^-30), so a pair sorts as one number. */
const SCALE = 2 ** 30;
/** Room for the reference's index beside the similarity in one sort key (53-bit doubles). */
const INDEX_ROOM = 2 ** 22;

/**
 * Student and reference vectors paired one to one by similarity, best pairs first, each pair
 * at least `threshold` alike; ties go to the earlier student, then the earlier reference.
 * `skipStudent` / `skipReference` leave out claims already matched.
 *
 * Fast for 1,000 × 1,000 claims, even when every pair shares a word: an inverted index of
 * the reference's words scores each student claim only against the reference claims sharing
 * one of its words; each student's candidates are sorted as plain numbers (similarity and
 * index packed in one key); and the greedy assignment is lazy, a heap holding each student's
 * best candidate still free, so a pair is looked at only when it could be taken.
 */
export function assignBySimilarity(
  students: readonly WordVector[],
  references: readonly WordVector[],
  threshold: number,
  skipStudent: (i: number) => boolean = () => false,
  skipReference: (j: number) => boolean = () => false,
): { student: number; reference: number; similarity: number }[] {
  if (references.length >= INDEX_ROOM) throw new RangeError('Too many claims to compare.');
  const postings = new Map<string, { j: number; weight: number }[]>();
  references.forEach((vector, j) => {
    if (skipReference(j)) return;
    for (const [w, weight] of vector) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = []));
      list.push({ j, weight });
    }
  });
  // Each student's candidates as sorted keys: (SCALE - similarity·SCALE)·INDEX_ROOM + j.
  const candidates: Float64Array[] = [];
  const dots = new Float64Array(references.length);
  const touched: number[] = [];
  const keys: number[] = [];
  students.forEach((vector, i) => {
    if (skipStudent(i)) return;
    for (const [w, x] of vector) {
      for (const { j, weight } of postings.get(w) ?? []) {
        if (dots[j] === 0) touched.push(j);
        dots[j] = (dots[j] ?? 0) + x * weight;
      }
    }
    for (const j of touched) {
      const similarity = Math.min(1, dots[j] ?? 0);
      if (similarity >= threshold)
        keys.push((SCALE - Math.round(similarity * SCALE)) * INDEX_ROOM + j);
      dots[j] = 0;
    }
    touched.length = 0;
    if (keys.length) candidates[i] = Float64Array.from(keys).sort();
    keys.length = 0;
  });
  // Lazy greedy: a heap of students by their best free candidate (lowest key, then lowest i).
  const next = new Int32Array(students.length);
  const heap: number[] = [];
  const keyOf = (i: number) => (candidates[i] as Float64Array)[next[i] as number] as number;
  const before = (a: number, b: number) => keyOf(a) - keyOf(b) || a - b;
  const push = (i: number) => {
    heap.push(i);
    for (let k = heap.length - 1; k > 0;) {
      const up = (k - 1) >> 1;
      if (before(heap[k] as number, heap[up] as number) >= 0) break;
      [heap[k], heap[up]] = [heap[up] as number, heap[k] as number];
      k = up;
    }
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length) {
      heap[0] = last;
      for (let k = 0; ;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < heap.length && before(heap[l] as number, heap[m] as number) < 0) m = l;
        if (r < heap.length && before(heap[r] as number, heap[m] as number) < 0) m = r;
        if (m === k) break;
        [heap[k], heap[m]] = [heap[m] as number, heap[k] as number];
        k = m;
      }
    }
    return top;
  };
  candidates.forEach((_, i) => push(i));
  const taken = new Uint8Array(references.length);
  const out: { student: number; reference: number; similarity: number }[] = [];
  while (heap.length) {
    const i = pop();
    const list = candidates[i] as Float64Array;
    const key = keyOf(i);
    const j = key % INDEX_ROOM;
    if (!taken[j]) {
      taken[j] = 1;
      out.push({
        student: i,
        reference: j,
        similarity: (SCALE - Math.floor(key / INDEX_ROOM)) / SCALE,
      });
      continue;
    }
    let n = (next[i] as number) + 1;
    while (n < list.length && taken[(list[n] as number) % INDEX_ROOM]) n++;
    next[i] = n;
    if (n < list.length) push(i);
  }
  return out;
}
