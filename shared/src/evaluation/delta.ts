import type { ClaimId, RelationId } from '../ids.ts';
import type { EvalEvidence, EvalGraph, EvalRelation } from './graph.ts';

/**
 * What changed in an `EvalGraph` since the last delta: small enough to post to a web worker
 * after every edit (one reason added is one relation, not the whole map). Produced by
 * `EvalGraphTracker` from the document's change events, applied by `EvalGraphState` and
 * `IncrementalGrounded`. Plain data, so it survives `postMessage`.
 */
export interface EvalGraphDelta {
  /** Drop everything held and take this delta as the whole graph. */
  reset?: true;
  /** Claims new (or brought back by undo, which re-creates the record), with creation times. */
  claimsAdded: { id: ClaimId; createdAt: number }[];
  claimsRemoved: ClaimId[];
  /** Relations that became live or changed while live, whole. */
  relationsSet: { relation: EvalRelation; createdAt: number }[];
  /** Relations that are no longer live (removed, or a target or every premise gone). */
  relationsRemoved: RelationId[];
  /** The live citations, whole, when any changed (they are few and change rarely). */
  evidence?: EvalEvidence[];
}

/** True when a delta changes nothing. */
export function isEmptyDelta(delta: EvalGraphDelta): boolean {
  return (
    !delta.reset &&
    delta.claimsAdded.length === 0 &&
    delta.claimsRemoved.length === 0 &&
    delta.relationsSet.length === 0 &&
    delta.relationsRemoved.length === 0 &&
    delta.evidence === undefined
  );
}

/** Several deltas as one, in order (what a worker needs after missing a few frames). */
export function mergeDeltas(deltas: readonly EvalGraphDelta[]): EvalGraphDelta {
  if (deltas.length === 1 && deltas[0]) return deltas[0];
  const out: EvalGraphDelta = {
    claimsAdded: [],
    claimsRemoved: [],
    relationsSet: [],
    relationsRemoved: [],
  };
  // Later entries win: replay into maps keyed by id, remembering removals.
  const claims = new Map<ClaimId, { id: ClaimId; createdAt: number } | null>();
  const relations = new Map<RelationId, { relation: EvalRelation; createdAt: number } | null>();
  for (const d of deltas) {
    if (d.reset) {
      out.reset = true;
      claims.clear();
      relations.clear();
      delete out.evidence;
    }
    for (const id of d.claimsRemoved) claims.set(id, null);
    for (const c of d.claimsAdded) claims.set(c.id, c);
    for (const id of d.relationsRemoved) relations.set(id, null);
    for (const r of d.relationsSet) relations.set(r.relation.id, r);
    if (d.evidence) out.evidence = d.evidence;
  }
  for (const [id, c] of claims) {
    if (c) out.claimsAdded.push(c);
    else if (!out.reset) out.claimsRemoved.push(id);
  }
  for (const [id, r] of relations) {
    if (r) out.relationsSet.push(r);
    else if (!out.reset) out.relationsRemoved.push(id);
  }
  return out;
}

const byTime = (
  a: { id: string; createdAt: number },
  b: { id: string; createdAt: number },
): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/**
 * An `EvalGraph` held as maps and kept current by applying deltas; `graph()` lays it out in
 * creation order (as `evaluationInput` does) once per change, on demand.
 */
export class EvalGraphState {
  private readonly claims = new Map<ClaimId, number>();
  private readonly relations = new Map<RelationId, { relation: EvalRelation; createdAt: number }>();
  private evidence: EvalEvidence[] = [];
  private laidOut: EvalGraph | undefined;

  apply(delta: EvalGraphDelta): void {
    if (delta.reset) {
      this.claims.clear();
      this.relations.clear();
      this.evidence = [];
    }
    for (const id of delta.claimsRemoved) this.claims.delete(id);
    for (const c of delta.claimsAdded) this.claims.set(c.id, c.createdAt);
    for (const id of delta.relationsRemoved) this.relations.delete(id);
    for (const r of delta.relationsSet) this.relations.set(r.relation.id, r);
    if (delta.evidence) this.evidence = delta.evidence;
    if (!isEmptyDelta(delta)) this.laidOut = undefined;
  }

  /** Everything held, as one delta with `reset` (to start another receiver). */
  snapshot(): EvalGraphDelta {
    return {
      reset: true,
      claimsAdded: [...this.claims].map(([id, createdAt]) => ({ id, createdAt })),
      claimsRemoved: [],
      relationsSet: [...this.relations.values()],
      relationsRemoved: [],
      evidence: this.evidence,
    };
  }

  /** The graph as `evaluationInput` would read it; the same object until the next change. */
  graph(): EvalGraph {
    if (this.laidOut) return this.laidOut;
    const claims = [...this.claims]
      .map(([id, createdAt]) => ({ id, createdAt }))
      .sort(byTime)
      .map((c) => c.id);
    const relations = [...this.relations.values()]
      .map((r) => ({ id: r.relation.id, createdAt: r.createdAt, relation: r.relation }))
      .sort(byTime)
      .map((r) => r.relation);
    const premises = new Set<ClaimId>();
    for (const r of relations) for (const p of r.premises) premises.add(p);
    this.laidOut = {
      claims,
      relations,
      evidence: this.evidence,
      roots: claims.filter((c) => !premises.has(c)),
    };
    return this.laidOut;
  }
}
