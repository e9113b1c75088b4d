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
 * "What if" assumptions evaluate the whole graph; checks are recomputed once per change, and
 * posted after the labels. Once the page holds the engine's labels, answers carry only the
 * labels that changed.
 */
const NO_CHANGES = { labels: {}, relations: {} };

export class WorkerEvaluation {
  private readonly state = new EvalGraphState();
  private engine: IncrementalGrounded | undefined;
  private checked: { graph: EvalGraph; checks: MapChecks } | undefined;
  /** The page holds the engine's labels as of its last answer: changes will do. */
  private pageHasEngine = false;

  /**
   * The answers to one request, to post in order: the labels first, then, when the map's
   * structure changed, the checks on their own (a second answer to the same request), so the
   * lens never waits for the checks.
   */
  answer(request: EvaluationRequest): EvaluationResponse[] {
    const { seq, delta, options } = request;
    try {
      this.state.apply(delta);
      if (this.engine?.mode !== options.mode) {
        // A new mode starts from the whole graph; until then the engine follows every delta.
        this.engine = new IncrementalGrounded(options.mode);
        this.engine.apply(this.state.snapshot());
      } else this.engine.apply(delta);
      return [this.labels(request, this.engine), ...this.checksAfter(seq)];
    } catch (error) {
      // What the page holds is no longer known: the next answer is whole.
      this.pageHasEngine = false;
      return [{ seq, ok: false, error: error instanceof Error ? error.message : String(error) }];
    }
  }

  private labels(request: EvaluationRequest, engine: IncrementalGrounded): EvaluationResponse {
    const { seq, assumptions, options } = request;
    if (options.semantics === 'grounded' && assumptions.length === 0) {
      const changes = engine.takeChanges();
      if (changes && this.pageHasEngine) return { seq, ok: true, changes };
      this.pageHasEngine = true;
      return { seq, ok: true, result: engine.result() };
    }
    this.pageHasEngine = false;
    const graph = withAssumptions(this.state.graph(), new Map(assumptions));
    return { seq, ok: true, result: evaluate(graph, options) };
  }

  private checksAfter(seq: number): EvaluationResponse[] {
    const graph = this.state.graph();
    if (this.checked?.graph === graph) return [];
    this.checked = { graph, checks: checks(graph) };
    return [{ seq, ok: true, changes: NO_CHANGES, checks: this.checked.checks }];
  }
}
