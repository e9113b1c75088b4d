/**
 * Evaluation bench: `npx tsx shared/src/evaluation/bench.ts [claims] [reasons] [seed]`.
 * Builds a seeded random map through the model's operations (by default 2,000 claims and
 * 3,000 reasons: 60% rebuttals, 30% supports, 10% undercuts; one reason in five linked) and
 * reports median and p99 of reading the graph from the doc, grounded evaluation, the full
 * recompute after one edit, and preferred evaluation.
 */
import { removeClaim } from '../records/Claim.ts';
import { evaluate } from './evaluate.ts';
import { evaluationInput } from './graph.ts';
import { newMap } from './testMap.ts';

const [claimCount = 2000, reasonCount = 3000, seed = 16] = process.argv.slice(2).map(Number);

/** mulberry32: small, seeded, good enough to spread edges. */
function rng(s: number) {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(seed);
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
const m = newMap('Bench');
const claims = Array.from({ length: claimCount }, (_, i) => m.claim(`claim ${i}`));
const reasons: string[] = [];
while (reasons.length < reasonCount) {
  const premises = [pick(claims), ...(random() < 0.2 ? [pick(claims)] : [])];
  const roll = random();
  try {
    if (roll < 0.1 && reasons.length) reasons.push(m.undercut(premises, pick(reasons)));
    else if (roll < 0.7) reasons.push(m.rebut(premises, pick(claims)));
    else reasons.push(m.support(premises, pick(claims)));
  } catch {
    // A claim picked as its own premise: pick again.
  }
}

function time(runs: number, fn: (i: number) => void) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return `median ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms (${runs} runs)`;
}

const graph = evaluationInput(m.doc);
const report = (line: string) => process.stdout.write(`${line}\n`);
report(`map: ${graph.claims.length} claims, ${graph.relations.length} reasons (seed ${seed})`);
report(`graph from doc:        ${time(50, () => evaluationInput(m.doc))}`);
for (const mode of ['attack', 'burden'] as const) {
  report(
    `grounded ${mode}:`.padEnd(23) +
      time(200, () => evaluate(graph, { semantics: 'grounded', mode })),
  );
}
const edits: string[] = [];
report(
  `edit + graph + grounded: ${time(100, (i) => {
    const roll = i % 3;
    if (roll === 0) edits.push(m.rebut(pick(claims), pick(claims)));
    else if (roll === 1) edits.push(m.support(pick(claims), pick(claims)));
    else removeClaim(m.doc, claims.splice(Math.floor(random() * claims.length), 1)[0] ?? '');
    evaluate(evaluationInput(m.doc), { semantics: 'grounded', mode: 'attack' });
  })}`,
);
const after = evaluationInput(m.doc);
for (const mode of ['attack', 'burden'] as const) {
  const once = evaluate(after, { semantics: 'preferred', mode });
  report(
    `preferred ${mode}:`.padEnd(23) +
      time(10, () => evaluate(after, { semantics: 'preferred', mode })) +
      `; gaveUp ${once.gaveUp ?? false}, extensions ${once.extensionCount ?? '-'}`,
  );
}
const undecided = Object.values(evaluate(after).labels).filter((l) => l === 'undecided').length;
report(`grounded undecided claims: ${undecided}`);
