/** Evaluation of the argument map: which claims stand, and why. See EVALUATION.md. */
export { evaluationInput, type EvalGraph, type EvalRelation, type EvalEvidence } from './graph.ts';
export { EvalGraphState, mergeDeltas, isEmptyDelta, type EvalGraphDelta } from './delta.ts';
export { EvalGraphTracker } from './tracker.ts';
export { IncrementalGrounded, applyLabelChanges, type LabelChanges } from './incremental.ts';
export {
  evaluate,
  MAX_LISTED_EXTENSIONS,
  type EvalResult,
  type EvaluateOptions,
  type Semantics,
  type ClaimLabel,
  type RelationStatus,
} from './evaluate.ts';
export type { Mode } from './framework.ts';
export { explain, type WhyStep, type WhyClaim, type WhyRelation } from './explain.ts';
export { checks, type MapChecks } from './checks.ts';
