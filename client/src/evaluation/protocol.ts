import type { ClaimId, EvalGraphDelta, EvalResult, MapChecks } from '@warrant/shared';
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

/** The worker's answer to request `seq`; the page drops it if a newer request was sent. */
export type EvaluationResponse =
  | { seq: number; ok: true; result: EvalResult; checks: MapChecks }
  | { seq: number; ok: false; error: string };
