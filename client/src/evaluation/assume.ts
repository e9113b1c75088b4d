import type { ClaimId, EvalGraph, EvalRelation } from '@warrant/shared';
import type { Assumption } from '../session/LensStore.ts';

/** Ids of what an assumption adds to the graph; none can be a real id (those have no colon). */
const ASSUMED_CLAIM = 'assumption:';
const ASSUMED_REBUTTAL = 'assumption-rebuttal:';
const ASSUMED_PASSAGE = 'assumption-passage:';

/** The claim standing for "this device assumes `claim` is rejected", if `id` is one. */
export function assumptionFor(id: string): ClaimId | undefined {
  return id.startsWith(ASSUMED_CLAIM) ? id.slice(ASSUMED_CLAIM.length) : undefined;
}

/**
 * The graph as it would be if this device's assumptions were the map's (see EVALUATION.md,
 * "What if"), so evaluation needs no notion of assumption:
 *
 * - assumed **rejected**: a synthetic claim rebuts it. Nothing attacks the synthetic claim
 *   and a synthetic passage backs it (burden mode), so it is accepted and its rebuttal holds.
 * - assumed **accepted**: every rebuttal aimed at it is left out (with the undercuts of those
 *   rebuttals), and in burden mode a synthetic passage backs it.
 *
 * Pure; the input is not changed. Assumptions about claims the graph lacks are ignored.
 */
export function withAssumptions(
  graph: EvalGraph,
  assumptions: ReadonlyMap<ClaimId, Assumption>,
): EvalGraph {
  if (!assumptions.size) return graph;
  const present = new Set(graph.claims);
  const accepted = new Set<ClaimId>();
  const rejected: ClaimId[] = [];
  for (const [claim, a] of assumptions) {
    if (!present.has(claim)) continue;
    if (a === 'accepted') accepted.add(claim);
    else rejected.push(claim);
  }
  const dropped = new Set<string>();
  for (const r of graph.relations) {
    if (r.kind === 'rebut' && 'claim' in r.target && accepted.has(r.target.claim))
      dropped.add(r.id);
  }
  // Undercuts of a dropped reason (and undercuts of those) go with it.
  let grew = dropped.size > 0;
  while (grew) {
    grew = false;
    for (const r of graph.relations) {
      if ('relation' in r.target && dropped.has(r.target.relation) && !dropped.has(r.id)) {
        dropped.add(r.id);
        grew = true;
      }
    }
  }
  const relations: EvalRelation[] = graph.relations.filter((r) => !dropped.has(r.id));
  const claims = [...graph.claims];
  const evidence = [...graph.evidence];
  for (const claim of accepted) {
    evidence.push({ claim, passage: ASSUMED_PASSAGE + claim, stance: 'support', orphaned: false });
  }
  for (const claim of rejected) {
    const by = ASSUMED_CLAIM + claim;
    claims.push(by);
    relations.push({
      id: ASSUMED_REBUTTAL + claim,
      kind: 'rebut',
      premises: [by],
      target: { claim },
      missingPremises: [],
    });
    evidence.push({ claim: by, passage: ASSUMED_PASSAGE + by, stance: 'support', orphaned: false });
  }
  const premises = new Set<ClaimId>();
  for (const r of relations) for (const p of r.premises) premises.add(p);
  return { claims, relations, evidence, roots: claims.filter((c) => !premises.has(c)) };
}
