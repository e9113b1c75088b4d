import type { ClaimId, EvalGraph, EvalResult, MapChecks } from '@warrant/shared';
import type { Assumption, LensOptions } from '../session/LensStore.ts';

/** What the page asks the evaluation worker: evaluate this graph (the `seq`-th request). */
export interface EvaluationRequest {
  seq: number;
  graph: EvalGraph;
  assumptions: [ClaimId, Assumption][];
  options: LensOptions;
}

/** The worker's answer to request `seq`; the page drops it if a newer request was sent. */
export type EvaluationResponse =
  | { seq: number; ok: true; result: EvalResult; checks: MapChecks }
  | { seq: number; ok: false; error: string };
