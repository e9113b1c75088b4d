import type { ClaimId, PassageId, RelationId } from '../ids.ts';
import type { RelationKind } from '../records/Relation.ts';
import type { ClaimLabel, EvalResult, RelationStatus } from './evaluate.ts';
import { buildFramework } from './framework.ts';
import type { EvalGraph } from './graph.ts';
import { groundedLabelling } from './grounded.ts';

/** One step of a "Why?" answer: a claim's label or a reason's status, and what decides it. */
export type WhyStep = WhyClaim | WhyRelation;

export interface WhyClaim {
  claim: ClaimId;
  label: ClaimLabel;
  /**
   * What decides it. Accepted: every rebuttal, each failing (burden mode: and the support
   * that holds, unless `backing` says why none is needed). Rejected: one rebuttal that holds.
   * Undecided: the rebuttals that neither hold nor fail (burden mode, when there are none: the
   * supports that might still hold, possibly none).
   */
  because: WhyStep[];
  /** Burden mode: why this claim needs no support ('root', or the passages cited for it). */
  backing?: 'root' | PassageId[];
  /** Already explained earlier in this answer; not expanded again. */
  seeAbove?: true;
}

export interface WhyRelation {
  relation: RelationId;
  kind: RelationKind;
  /** `undercut`: a rebuttal aimed at another reason's inference. */
  role: 'rebuttal' | 'support' | 'undercut';
  status: RelationStatus;
  /**
   * Holds: every premise (accepted) and every undercut (failing). Fails: one rejected premise
   * or one holding undercut. Undecided: the premises and undercuts that are undecided.
   */
  because: WhyStep[];
  seeAbove?: true;
}

/**
 * Why `claimId` has its label in `result`: a tree of the holding and failing rebuttals,
 * undercuts (and in burden mode supports) that decide it, down to claims nothing attacks.
 * Each claim and reason is expanded once; a later mention is marked `seeAbove`, so the tree
 * stays as small as the map even where the map has cycles. For a grounded result, a rejected
 * claim or failing reason is explained by the culprit the grounded computation decided first,
 * so the chain always bottoms out rather than going round a cycle.
 */
export function explain(
  graph: EvalGraph,
  result: EvalResult,
  claimId: ClaimId,
): WhyClaim | undefined {
  const af = buildFramework(graph, result.mode);
  const c0 = af.claimIndex.get(claimId);
  if (c0 === undefined) return undefined;
  const step = groundedLabelling(af).step;
  const nC = af.claimIds.length;
  const claimLabel = (c: number): ClaimLabel => result.labels[af.claimIds[c] ?? ''] ?? 'undecided';
  const status = (a: number): RelationStatus =>
    result.relations[af.relations[a - nC]?.id ?? ''] ?? 'undecided';
  // The culprit decided first, or (preferred, where steps mean less) the first in map order.
  const first = (xs: number[]): number[] => {
    if (!xs.length) return [];
    const known = xs.filter((x) => (step[x] ?? -1) >= 0);
    const pool = known.length ? known : xs;
    return [pool.reduce((a, b) => ((step[b] ?? 0) < (step[a] ?? 0) ? b : a))];
  };
  const seen = new Set<number>();

  const whyClaim = (c: number): WhyClaim => {
    const label = claimLabel(c);
    const id = af.claimIds[c] ?? '';
    if (seen.has(c)) return { claim: id, label, because: [], seeAbove: true };
    seen.add(c);
    const rebuttals = af.rebuttalsOf[c] ?? [];
    const supports = af.supportsOf[c] ?? [];
    const burden = (af.burdenOf[c] ?? -1) >= 0;
    const backing = burdenBacking(c);
    let parts: number[];
    if (label === 'rejected') parts = first(rebuttals.filter((r) => status(r) === 'holds'));
    else if (label === 'accepted') {
      parts = [...rebuttals];
      if (burden) parts.push(...first(supports.filter((s) => status(s) === 'holds')));
    } else {
      parts = rebuttals.filter((r) => status(r) === 'undecided');
      if (!parts.length && burden) parts = supports.filter((s) => status(s) !== 'fails');
    }
    return {
      claim: id,
      label,
      because: parts.map(whyRelation),
      ...(backing ? { backing } : {}),
    };
  };

  const burdenBacking = (c: number): WhyClaim['backing'] => {
    if (result.mode !== 'burden') return undefined;
    if (af.isRoot[c]) return 'root';
    if (!af.backedByEvidence[c]) return undefined;
    const id = af.claimIds[c];
    return graph.evidence
      .filter((e) => e.claim === id && e.stance === 'support' && !e.orphaned)
      .map((e) => e.passage);
  };

  const whyRelation = (a: number): WhyRelation => {
    const r = af.relations[a - nC];
    const s = status(a);
    const relation = r?.id ?? '';
    const kind = r?.kind ?? 'rebut';
    const role =
      r && 'relation' in r.target ? 'undercut' : kind === 'support' ? 'support' : 'rebuttal';
    if (seen.has(a)) return { relation, kind, role, status: s, because: [], seeAbove: true };
    seen.add(a);
    const premises = af.premisesOf[a - nC] ?? [];
    const undercuts = af.undercutsOf[a - nC] ?? [];
    let because: WhyStep[];
    if (s === 'holds') {
      because = [...premises.map(whyClaim), ...undercuts.map(whyRelation)];
    } else if (s === 'fails') {
      const culprit = first([
        ...premises.filter((p) => claimLabel(p) === 'rejected'),
        ...undercuts.filter((u) => status(u) === 'holds'),
      ]);
      because = culprit.map((x) => (x < nC ? whyClaim(x) : whyRelation(x)));
    } else {
      because = [
        ...premises.filter((p) => claimLabel(p) === 'undecided').map(whyClaim),
        ...undercuts.filter((u) => status(u) === 'undecided').map(whyRelation),
      ];
    }
    return { relation, kind, role, status: s, because };
  };

  return whyClaim(c0);
}
