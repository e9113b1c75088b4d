import { evaluationInput, observeChanges, type EvalGraph } from '@warrant/shared';
import type * as Y from 'yjs';
import type { LensStore } from '../session/LensStore.ts';
import type { EvaluationRequest, EvaluationResponse } from './protocol.ts';

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
 * Keeps the lens up to date with the map: after any local or remote change but typing in a
 * claim (`observeChanges`' `textOnly`), and after the options or assumptions change, it reads
 * the map into a plain `EvalGraph` once per animation frame at most, posts it to a web worker
 * and publishes the worker's answer. Answers to anything but the latest request are dropped,
 * so a slow evaluation never overwrites a newer one. The graph is read only after a change
 * to the map, not after a change of options.
 */
export class EvaluationRunner {
  private worker: EvaluationWorker | null = null;
  private graph: EvalGraph | null = null;
  private seq = 0;
  private frame = 0;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly doc: Y.Doc,
    private readonly lens: LensStore,
    private readonly spawn: () => EvaluationWorker = startWorker,
  ) {}

  start(): void {
    this.stops.push(
      observeChanges(this.doc, (change) => {
        if (change.textOnly) return;
        this.graph = null;
        this.schedule();
      }),
      this.lens.options.subscribe(() => this.schedule()),
      this.lens.assumptions.subscribe(() => this.schedule()),
    );
    this.schedule();
  }

  destroy(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.worker?.terminate();
    this.worker = null;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.run();
    });
  }

  private run(): void {
    this.graph ??= evaluationInput(this.doc);
    const graph = this.graph;
    const assumptions = this.lens.assumptions.get();
    const options = this.lens.options.get();
    const seq = ++this.seq;
    if (!this.worker) {
      this.worker = this.spawn();
      this.worker.onmessage = (event) => this.receive(event.data);
    }
    this.pending.set(seq, { graph, assumptions });
    this.worker.postMessage({ seq, graph, assumptions: [...assumptions], options });
  }

  /** What each request in flight was about, to publish with its answer. */
  private readonly pending = new Map<
    number,
    { graph: EvalGraph; assumptions: ReturnType<LensStore['assumptions']['get']> }
  >();

  private receive(answer: EvaluationResponse): void {
    const asked = this.pending.get(answer.seq);
    for (const seq of this.pending.keys()) if (seq <= answer.seq) this.pending.delete(seq);
    if (answer.seq !== this.seq || !asked) return;
    if (!answer.ok) {
      console.error(`Evaluating the map failed: ${answer.error}`);
      return;
    }
    this.lens.publish({ ...asked, result: answer.result, checks: answer.checks });
  }
}
