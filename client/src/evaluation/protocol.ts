import type { ClaimId, EvalGraphDelta, EvalResult, LabelChanges, MapChecks } from '@warrant/shared';
import type { Assumption, LensOptions } from '../session/LensStore.ts';

/**
 * What the page asks the evaluation worker (the `seq`-th request): apply what changed in the
 * map since the last request, then evaluate. The first request's delta has `reset` and holds
 * the whole map; after that an edit costs what it changed, not the map.
 */
export interface EvaluationRequest {
  seq: number;
  delta: EvalGraphDelta;
  assumptions: [ClaimId, Assumption][];
  options: LensOptions;
}

/**
 * An answer to request `seq`: the whole result, or, when the page already holds the labels
 * before it, only the labels that changed, so an edit costs the page what it changed. The
 * checks come in a second answer to the same request when the map's structure changed, so
 * the labels never wait for them. The page applies every answer in order but publishes only
 * answers to its latest request.
 */
export type EvaluationResponse =
  | { seq: number; ok: true; result: EvalResult; checks?: MapChecks }
  | { seq: number; ok: true; changes: LabelChanges; checks?: MapChecks }
  | { seq: number; ok: false; error: string };
