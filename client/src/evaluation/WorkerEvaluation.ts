import {
  checks,
  evaluate,
  EvalGraphState,
  IncrementalGrounded,
  type EvalGraph,
  type MapChecks,
} from '@warrant/shared';
import { withAssumptions } from './assume.ts';
import type { EvaluationRequest, EvaluationResponse } from './protocol.ts';

/**
 * The evaluation worker's state and answers, apart from the worker's globals so tests can run
 * it in-process. It keeps the map's graph from the deltas the page posts and, for the
 * grounded labels without assumptions (the lens as most people use it), an
 * `IncrementalGrounded` that relabels only what a delta reaches. Preferred semantics and
 * "What if" assumptions evaluate the whole graph; checks are recomputed once per change.
 */
export class WorkerEvaluation {
  private readonly state = new EvalGraphState();
  private engine: IncrementalGrounded | undefined;
  private checked: { graph: EvalGraph; checks: MapChecks } | undefined;

  answer(request: EvaluationRequest): EvaluationResponse {
    const { seq, delta, assumptions, options } = request;
    try {
      this.state.apply(delta);
      if (this.engine?.mode !== options.mode) {
        // A new mode starts from the whole graph; until then the engine follows every delta.
        this.engine = new IncrementalGrounded(options.mode);
        this.engine.apply(this.state.snapshot());
      } else this.engine.apply(delta);
      const graph = this.state.graph();
      const result =
        options.semantics === 'grounded' && assumptions.length === 0
          ? this.engine.result()
          : evaluate(withAssumptions(graph, new Map(assumptions)), options);
      if (this.checked?.graph !== graph) this.checked = { graph, checks: checks(graph) };
      return { seq, ok: true, result, checks: this.checked.checks };
    } catch (error) {
      return { seq, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
