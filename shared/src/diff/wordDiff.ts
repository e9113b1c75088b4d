/**
 * A word-level diff of two texts, for showing how a claim was reworded. Written here rather
 * than taken from the `diff` package (jsdiff, which the field trusts and whose `diffWords`
 * this mirrors) because claims are short, the relay and the browser both run it, and a
 * hundred lines of LCS cost less than a dependency in both bundles.
 *
 * Texts are split into runs of word characters, runs of spaces and single other characters
 * (punctuation), so "cheap," → "cheaper," changes one word and keeps the comma. Ops are
 * merged runs: concatenating the `equal` and `delete` texts gives the old text, the `equal`
 * and `insert` texts the new one.
 */
export interface WordOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Beyond this many cells the LCS table would be slow: the middle is replaced wholesale. */
const MAX_CELLS = 4_000_000;

export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_'’-]+|\s+|[^\p{L}\p{N}_'’\s-]/gu) ?? [];
}

export function diffWords(from: string, to: string): WordOp[] {
  const a = tokenize(from);
  const b = tokenize(to);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: WordOp[] = [];
  const push = (op: WordOp['op'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  };
  push('equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  for (const [op, token] of middle(midA, midB)) push(op, token);
  push('equal', a.slice(endA).join(''));
  return out;
}

/** LCS of the differing middles, deletions before insertions at each change. */
function middle(a: string[], b: string[]): [WordOp['op'], string][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    return [
      ...a.map((t): [WordOp['op'], string] => ['delete', t]),
      ...b.map((t): [WordOp['op'], string] => ['insert', t]),
    ];
  }
  // lengths[i][j]: LCS of a[i..] and b[j..], one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const ops: [WordOp['op'], string][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push(['equal', a[i] ?? '']);
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      ops.push(['delete', a[i++] ?? '']);
    } else {
      ops.push(['insert', b[j++] ?? '']);
    }
  }
  while (i < n) ops.push(['delete', a[i++] ?? '']);
  while (j < m) ops.push(['insert', b[j++] ?? '']);
  return ops;
}
