import {
  applyLabelChanges,
  EvalGraphTracker,
  isEmptyDelta,
  mergeDeltas,
  observeChanges,
  type EvalGraphDelta,
  type EvalResult,
  type MapChange,
  type MapChecks,
} from '@warrant/shared';
import type * as Y from 'yjs';
import type { LensStore } from '../session/LensStore.ts';
import { whenIdle } from '../state/whenIdle.ts';
import type { EvaluationRequest, EvaluationResponse } from './protocol.ts';

/** Checks before the worker's first report of them: nothing to show yet. */
export const NO_CHECKS: MapChecks = {
  unsupported: [],
  unanswered: [],
  circular: [],
  orphanedOnly: [],
  brokenReasons: [],
};

/** Records read per step of the first read (`resetSteps`) between looks at the clock. */
const RESET_BATCH = 250;
/** How long one slice of the first read takes, at most (give or take a batch). */
const SLICE_MS = 10;
/** The longest wait for an idle moment between slices of the first read. */
const SLICE_WAIT_MS = 250;

/** The worker's side of the conversation, so tests can stand in for it. */
export interface EvaluationWorker {
  postMessage(request: EvaluationRequest): void;
  onmessage: ((event: MessageEvent<EvaluationResponse>) => void) | null;
  terminate(): void;
}

function startWorker(): EvaluationWorker {
  return new Worker(new URL('./evaluation.worker.ts', import.meta.url), {
    type: 'module',
    name: 'warrant-evaluation',
  }) as EvaluationWorker;
}

/**
 * Keeps the lens up to date with the map: an `EvalGraphTracker` turns each local or remote
 * change (but typing in a claim: `observeChanges`' `textOnly`) into what it changed in the
 * evaluation graph; once per animation frame at most, those deltas (merged) go to a web worker,
 * which keeps the graph and its labels current from them (`WorkerEvaluation`), and its answer
 * is published. A change of options or assumptions sends an empty delta. Answers to anything
 * but the latest request are dropped, so a slow evaluation never overwrites a newer one, and so
 * is an answer that arrives while changes wait for the next frame (a newer one is coming).
 */
export class EvaluationRunner {
  private worker: EvaluationWorker | null = null;
  private tracker: EvalGraphTracker | null = null;
  /** Deltas not yet posted to the worker. */
  private deltas: EvalGraphDelta[] = [];
  private seq = 0;
  private frame = 0;
  private readonly stops: (() => void)[] = [];
  /** Cancels the next slice of the first read, while there is one to come. */
  private cancelSlice: (() => void) | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly lens: LensStore,
    private readonly spawn: () => EvaluationWorker = startWorker,
    /** How long one slice of the first read takes, at most (tests make it one step). */
    private readonly sliceMs = SLICE_MS,
  ) {}

  /**
   * Reads the map for the worker, a slice at a time at idle moments (`resetSteps`: on a map of
   * thousands of claims one read is a long task, and it starts just as a person starts to
   * type), then follows its changes. Changes made while it reads are kept and applied after.
   */
  start(): void {
    const tracker = new EvalGraphTracker(this.doc);
    const meanwhile: MapChange[] = [];
    let reading = true;
    const follow = (change: MapChange) => {
      const delta = tracker.apply(change);
      if (isEmptyDelta(delta)) return;
      this.deltas.push(delta);
      this.schedule();
    };
    this.stops.push(
      observeChanges(this.doc, (change) => {
        if (change.textOnly) return;
        if (reading) meanwhile.push(change);
        else follow(change);
      }),
      this.lens.options.subscribe(() => this.schedule()),
      this.lens.assumptions.subscribe(() => this.schedule()),
    );
    const steps = tracker.resetSteps(RESET_BATCH);
    const slice = () => {
      this.cancelSlice = null;
      const until = performance.now() + this.sliceMs;
      for (;;) {
        const step = steps.next();
        if (step.done) {
          reading = false;
          this.tracker = tracker;
          this.deltas = [step.value];
          for (const change of meanwhile.splice(0)) follow(change);
          this.schedule();
          return;
        }
        if (performance.now() >= until) break;
      }
      this.cancelSlice = whenIdle(slice, SLICE_WAIT_MS);
    };
    slice();
  }

  destroy(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.cancelSlice?.();
    this.cancelSlice = null;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.worker?.terminate();
    this.worker = null;
    this.tracker = null;
    this.deltas = [];
    this.held = null;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.run();
    });
  }

  private run(): void {
    if (!this.tracker) return;
    const delta = mergeDeltas(this.deltas.splice(0));
    const assumptions = this.lens.assumptions.get();
    const options = this.lens.options.get();
    const seq = ++this.seq;
    if (!this.worker) {
      this.worker = this.spawn();
      this.worker.onmessage = (event) => this.receive(event.data);
    }
    this.pending.set(seq, { assumptions });
    this.worker.postMessage({ seq, delta, assumptions: [...assumptions], options });
  }

  /** What each request in flight was about, to publish with its answer. */
  private readonly pending = new Map<
    number,
    { assumptions: ReturnType<LensStore['assumptions']['get']> }
  >();

  /** The result as of the worker's last answer: answers may carry only what changed. */
  private held: { result: EvalResult; checks: MapChecks } | null = null;

  private receive(answer: EvaluationResponse): void {
    const asked = this.pending.get(answer.seq);
    // A request may have two answers (labels, then checks): keep it until a newer one answers.
    for (const seq of this.pending.keys()) if (seq < answer.seq) this.pending.delete(seq);
    if (!answer.ok) {
      console.error(`Evaluating the map failed: ${answer.error}`);
      return;
    }
    // Every answer is applied, in order, even one too old to publish: the next builds on it.
    if ('result' in answer) {
      this.held = {
        result: answer.result,
        checks: answer.checks ?? this.held?.checks ?? NO_CHECKS,
      };
    } else if (this.held) {
      this.held = {
        result: { ...this.held.result, ...applyLabelChanges(this.held.result, answer.changes) },
        checks: answer.checks ?? this.held.checks,
      };
    }
    if (answer.seq !== this.seq || !asked || !this.tracker || this.deltas.length) return;
    if (!this.held) return;
    // Nothing changed since the request: the tracker's graph is the one the worker evaluated.
    const graph = this.tracker.graph();
    this.lens.publish({ ...asked, graph, ...this.held });
  }
}
