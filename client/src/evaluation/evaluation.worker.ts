import type { EvaluationRequest, EvaluationResponse } from './protocol.ts';
import { WorkerEvaluation } from './WorkerEvaluation.ts';

/**
 * Evaluates the map off the main thread: the page posts what changed in the map, this
 * answers each claim's label (with this device's assumptions applied) and the author's checks
 * (without). See `WorkerEvaluation`.
 */
/** The worker's global scope, typed here: the client compiles against the DOM's globals. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<EvaluationRequest>) => void) | null;
  postMessage(message: EvaluationResponse): void;
}
const scope = self as unknown as WorkerScope;
const evaluation = new WorkerEvaluation();

scope.onmessage = (event: MessageEvent<EvaluationRequest>) => {
  for (const answer of evaluation.answer(event.data)) scope.postMessage(answer);
};
