import { checks, evaluate } from '@warrant/shared';
import { withAssumptions } from './assume.ts';
import type { EvaluationRequest, EvaluationResponse } from './protocol.ts';

/**
 * Evaluates the map off the main thread: the page posts the plain graph, this answers each
 * claim's label (with this device's assumptions applied) and the author's checks (without).
 */
/** The worker's global scope, typed here: the client compiles against the DOM's globals. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<EvaluationRequest>) => void) | null;
  postMessage(message: EvaluationResponse): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event: MessageEvent<EvaluationRequest>) => {
  const { seq, graph, assumptions, options } = event.data;
  let answer: EvaluationResponse;
  try {
    const result = evaluate(withAssumptions(graph, new Map(assumptions)), options);
    answer = { seq, ok: true, result, checks: checks(graph) };
  } catch (error) {
    answer = { seq, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(answer);
};
