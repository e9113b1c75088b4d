import * as Y from 'yjs';
import type { ClaimId, RelationId } from '../ids.ts';
import { createMap } from '../meta.ts';
import { addClaim } from '../records/Claim.ts';
import { connect } from '../records/Relation.ts';
import { evaluate, type EvalResult, type EvaluateOptions } from './evaluate.ts';
import { evaluationInput } from './graph.ts';

/**
 * A small factory for tests and the bench: builds a map through the model's own operations,
 * so every evaluation test also covers the path from the Y.Doc to the graph.
 */
export function newMap(title = 'Evaluation') {
  const doc = new Y.Doc();
  createMap(doc, { title });
  return {
    doc,
    claim: (text = 'claim'): ClaimId => addClaim(doc, { text }),
    claims: (...texts: string[]): ClaimId[] => texts.map((text) => addClaim(doc, { text })),
    rebut: (premises: ClaimId | ClaimId[], target: ClaimId): RelationId =>
      connect(doc, { kind: 'rebut', premises: [premises].flat(), target: { claim: target } }),
    support: (premises: ClaimId | ClaimId[], target: ClaimId): RelationId =>
      connect(doc, { kind: 'support', premises: [premises].flat(), target: { claim: target } }),
    undercut: (premises: ClaimId | ClaimId[], relation: RelationId): RelationId =>
      connect(doc, { kind: 'rebut', premises: [premises].flat(), target: { relation } }),
    graph: () => evaluationInput(doc),
    evaluate: (options: Partial<EvaluateOptions> = {}): EvalResult =>
      evaluate(evaluationInput(doc), { semantics: 'grounded', mode: 'attack', ...options }),
  };
}
