import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors.ts';
import { removeClaim } from '../records/Claim.ts';
import { addPremise } from '../records/Relation.ts';
import { evaluate, type ClaimLabel, type RelationStatus } from './evaluate.ts';
import type { Mode } from './framework.ts';
import type { EvalGraph } from './graph.ts';
import { newMap } from './testMap.ts';

/**
 * Random maps built through the model's operations (so the Y.Doc → graph path is covered),
 * then checked against the semantics as EVALUATION.md states it: the rules themselves, and on
 * small maps a brute-force oracle that enumerates every labelling of the reasons.
 */
const SEED = Number(process.env.EVALUATION_SEED ?? 20_260_616);
const RUNS = Number(process.env.EVALUATION_RUNS ?? 150);

type Op =
  | { t: 'claim' }
  | { t: 'rebut' | 'support'; a: number; b: number }
  | { t: 'undercut'; a: number; r: number }
  | { t: 'premise'; r: number; a: number }
  | { t: 'remove'; a: number };

const idx = fc.nat(50);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: 'claim' as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('rebut' as const), a: idx, b: idx }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('support' as const), a: idx, b: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('undercut' as const), a: idx, r: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('premise' as const), r: idx, a: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('remove' as const), a: idx }) },
);

function build(ops: Op[]): EvalGraph {
  const m = newMap();
  const claims: string[] = [m.claim(), m.claim()];
  const relations: string[] = [];
  const pick = <T>(xs: T[], i: number): T | undefined => xs[i % Math.max(xs.length, 1)];
  for (const op of ops) {
    try {
      if (op.t === 'claim') claims.push(m.claim());
      else if (op.t === 'rebut' || op.t === 'support') {
        const [a, b] = [pick(claims, op.a), pick(claims, op.b)];
        if (a && b) relations.push(m[op.t](a, b));
      } else if (op.t === 'undercut') {
        const [a, r] = [pick(claims, op.a), pick(relations, op.r)];
        if (a && r) relations.push(m.undercut(a, r));
      } else if (op.t === 'premise') {
        const [r, a] = [pick(relations, op.r), pick(claims, op.a)];
        if (r && a) addPremise(m.doc, r, a);
      } else {
        const a = pick(claims, op.a);
        if (a) {
          removeClaim(m.doc, a);
          claims.splice(claims.indexOf(a), 1);
        }
      }
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
    }
  }
  return m.graph();
}

const L: Record<ClaimLabel, number> = { accepted: 1, rejected: 2, undecided: 0 };
const R: Record<RelationStatus, number> = { holds: 1, fails: 2, undecided: 0 };

/** Every complete labelling by the rules in EVALUATION.md, found by trying all of them. */
function completeLabellings(graph: EvalGraph, mode: Mode) {
  const rel = graph.relations;
  const claimOf = (labels: number[]) => {
    const out = new Map<string, number>();
    for (const c of graph.claims) {
      const on = (kind: string) =>
        rel.flatMap((r, i) =>
          r.kind === kind && 'claim' in r.target && r.target.claim === c ? [labels[i]] : [],
        );
      const rebuttals = on('rebut');
      const backed =
        mode === 'attack' ||
        graph.roots.includes(c) ||
        graph.evidence.some((e) => e.claim === c && e.stance === 'support' && !e.orphaned) ||
        on('support').includes(1);
      out.set(c, rebuttals.includes(1) ? 2 : rebuttals.every((l) => l === 2) && backed ? 1 : 0);
    }
    return out;
  };
  const found: { claims: Map<string, number>; relations: number[] }[] = [];
  const labels = rel.map(() => 0);
  const visit = (i: number): void => {
    if (i < rel.length) {
      for (const l of [0, 1, 2]) {
        labels[i] = l;
        visit(i + 1);
      }
      return;
    }
    const claims = claimOf(labels);
    const ok = rel.every((r, j) => {
      const premises = r.premises.map((p) => claims.get(p) ?? 0);
      const undercuts = rel.flatMap((u, k) =>
        'relation' in u.target && u.target.relation === r.id ? [labels[k]] : [],
      );
      const expected =
        premises.includes(2) || undercuts.includes(1)
          ? 2
          : premises.every((l) => l === 1) && undercuts.every((l) => l === 2)
            ? 1
            : 0;
      return labels[j] === expected;
    });
    if (ok) found.push({ claims, relations: [...labels] });
  };
  visit(0);
  const inSet = (f: (typeof found)[number]) => [
    ...[...f.claims].filter(([, l]) => l === 1).map(([c]) => c),
    ...f.relations.flatMap((l, i) => (l === 1 ? [rel[i]!.id] : [])),
  ];
  return found.map((f) => ({ ...f, in: new Set(inSet(f)) }));
}

const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));

describe('evaluation on random maps', () => {
  it('gives a complete labelling: accepted iff every rebuttal fails, rejected iff one holds', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const graph = build(ops);
        const res = evaluate(graph, { semantics: 'grounded', mode: 'attack' });
        for (const c of graph.claims) {
          const rebuttals = graph.relations
            .filter((r) => r.kind === 'rebut' && 'claim' in r.target && r.target.claim === c)
            .map((r) => res.relations[r.id]);
          expect(res.labels[c] === 'accepted').toBe(rebuttals.every((s) => s === 'fails'));
          expect(res.labels[c] === 'rejected').toBe(rebuttals.includes('holds'));
        }
        for (const r of graph.relations) {
          const premises = r.premises.map((p) => res.labels[p]);
          const undercuts = graph.relations
            .filter((u) => 'relation' in u.target && u.target.relation === r.id)
            .map((u) => res.relations[u.id]);
          expect(res.relations[r.id] === 'holds').toBe(
            premises.every((l) => l === 'accepted') && undercuts.every((s) => s === 'fails'),
          );
          expect(res.relations[r.id] === 'fails').toBe(
            premises.includes('rejected') || undercuts.includes('holds'),
          );
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('puts the grounded accepted claims in every preferred extension', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const graph = build(ops);
        for (const mode of ['attack', 'burden'] as const) {
          const g = evaluate(graph, { semantics: 'grounded', mode });
          const p = evaluate(graph, { semantics: 'preferred', mode });
          if (p.gaveUp) continue;
          const accepted = graph.claims.filter((c) => g.labels[c] === 'accepted');
          for (const ext of p.extensions ?? [])
            expect(ext).toEqual(expect.arrayContaining(accepted));
          for (const c of accepted) expect(p.sceptical?.[c]).toBe(true);
          for (const c of graph.claims) if (p.sceptical?.[c]) expect(p.credulous?.[c]).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('matches a brute-force enumeration of the rules on small maps, in both modes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const graph = build(ops);
        fc.pre(graph.relations.length <= 8);
        for (const mode of ['attack', 'burden'] as const) {
          const all = completeLabellings(graph, mode);
          const least = all.filter((f) => all.every((o) => subset(f.in, o.in)));
          expect(least).toHaveLength(1);
          const g = evaluate(graph, { semantics: 'grounded', mode });
          for (const c of graph.claims) expect(L[g.labels[c]!]).toBe(least[0]!.claims.get(c));
          graph.relations.forEach((r, i) =>
            expect(R[g.relations[r.id]!]).toBe(least[0]!.relations[i]),
          );
          const maximal = all.filter(
            (f) => !all.some((o) => o.in.size > f.in.size && subset(f.in, o.in)),
          );
          const p = evaluate(graph, { semantics: 'preferred', mode });
          expect(p.extensionCount).toBe(maximal.length);
          const claimSets = (sets: string[][]) =>
            [...new Set(sets.map((s) => [...s].sort().join(' ')))].sort();
          expect(claimSets(p.extensions ?? [])).toEqual(
            claimSets(maximal.map((f) => graph.claims.filter((c) => f.claims.get(c) === 1))),
          );
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never decides more in burden mode than in attack mode', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const graph = build(ops);
        const attack = evaluate(graph, { semantics: 'grounded', mode: 'attack' });
        const burden = evaluate(graph, { semantics: 'grounded', mode: 'burden' });
        for (const c of graph.claims) {
          if (burden.labels[c] !== 'undecided') expect(burden.labels[c]).toBe(attack.labels[c]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
