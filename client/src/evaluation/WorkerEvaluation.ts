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
 * "What if" assumptions evaluate the whole graph; checks are recomputed once per change. Once
 * the page holds the engine's labels, answers carry only the labels that changed.
 */
export class WorkerEvaluation {
  private readonly state = new EvalGraphState();
  private engine: IncrementalGrounded | undefined;
  private checked: { graph: EvalGraph; checks: MapChecks } | undefined;
  /** The page holds the engine's labels as of its last answer: changes will do. */
  private pageHasEngine = false;

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
      const fresh = this.checked?.graph !== graph;
      if (fresh) this.checked = { graph, checks: checks(graph) };
      const allChecks = (this.checked as { checks: MapChecks }).checks;
      if (options.semantics === 'grounded' && assumptions.length === 0) {
        const changes = this.engine.takeChanges();
        if (changes && this.pageHasEngine) {
          return { seq, ok: true, changes, ...(fresh ? { checks: allChecks } : {}) };
        }
        this.pageHasEngine = true;
        return { seq, ok: true, result: this.engine.result(), checks: allChecks };
      }
      this.pageHasEngine = false;
      const result = evaluate(withAssumptions(graph, new Map(assumptions)), options);
      return { seq, ok: true, result, checks: allChecks };
    } catch (error) {
      // What the page holds is no longer known: the next answer is whole.
      this.pageHasEngine = false;
      return { seq, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
