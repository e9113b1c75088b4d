import type * as Y from 'yjs';
import type { ClaimId, PassageId, RelationId } from '../ids.ts';
import { listEvidence, type Stance } from '../records/Evidence.ts';
import { num, ymap } from '../records/fields.ts';
import { resolvePassages } from '../records/Passage.ts';
import {
  liveRelations,
  type RelationKind,
  type RelationView,
  type Target,
} from '../records/Relation.ts';
import { collections } from '../schema.ts';

/**
 * The argument map as evaluation sees it: plain arrays of plain objects, no Yjs, so a graph
 * can be posted to a web worker or built on the relay and evaluated there. Only live records
 * appear (SCHEMA.md, "Liveness"); everything is in creation order so results are the same on
 * every replica.
 */
export interface EvalGraph {
  /** Every claim, in creation order. */
  claims: ClaimId[];
  /** Live relations (`liveRelations`), in creation order. */
  relations: EvalRelation[];
  /** Live citations (`listEvidence`), in creation order. */
  evidence: EvalEvidence[];
  /** Claims that are no live relation's premise (the same rule as `rootClaims`). */
  roots: ClaimId[];
}

export interface EvalRelation {
  id: RelationId;
  kind: RelationKind;
  /** The premises that exist, in the order they were added. */
  premises: ClaimId[];
  target: Target;
  /**
   * Premises the record still names whose claim is gone: a co-premise added at the moment
   * someone removed that claim escapes the removal's cascade. The reason is still live (it
   * has other premises) but no longer the reason its author made (`checks().brokenReasons`).
   */
  missingPremises: ClaimId[];
}

export interface EvalEvidence {
  claim: ClaimId;
  passage: PassageId;
  stance: Stance;
  /** Every word of the passage was deleted from its source (`resolvePassages`). */
  orphaned: boolean;
}

/** Reads the map's live claims, relations and citations into an `EvalGraph`. */
export function evaluationInput(doc: Y.Doc): EvalGraph {
  const { claims: claimRecords, relations: relationRecords } = collections(doc);
  const claimOrder: { id: ClaimId; createdAt: number }[] = [];
  claimRecords.forEach((record, id) =>
    claimOrder.push({ id, createdAt: num(record, 'createdAt') }),
  );
  const claims = claimOrder
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((c) => c.id);

  const relations: EvalRelation[] = [...liveRelations(doc).values()]
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((r) => {
      const record = relationRecords.get(r.id);
      const named = record && ymap<number>(record, 'premises');
      return evalRelation(r, named ? [...named.keys()] : [], (c) => claimRecords.has(c));
    });

  const evidence = evaluationEvidence(doc);

  const premises = new Set<ClaimId>();
  for (const r of relations) for (const p of r.premises) premises.add(p);
  return { claims, relations, evidence, roots: claims.filter((c) => !premises.has(c)) };
}

/**
 * A live relation as evaluation sees it; `named` is every premise its record names, so the
 * ones whose claim is gone become `missingPremises`.
 */
export function evalRelation(
  view: RelationView,
  named: readonly ClaimId[],
  claimExists: (id: ClaimId) => boolean,
): EvalRelation {
  return {
    id: view.id,
    kind: view.kind,
    premises: view.premises,
    target: view.target,
    missingPremises: named.filter((c) => !claimExists(c)).sort(),
  };
}

/** The map's live citations, each with whether its passage is orphaned, in creation order. */
export function evaluationEvidence(doc: Y.Doc): EvalEvidence[] {
  const orphaned = new Set<PassageId>();
  for (const r of resolvePassages(doc)) if (r.status === 'orphaned') orphaned.add(r.passage.id);
  return listEvidence(doc).map((e) => ({
    claim: e.claim,
    passage: e.passage,
    stance: e.stance,
    orphaned: orphaned.has(e.passage),
  }));
}
