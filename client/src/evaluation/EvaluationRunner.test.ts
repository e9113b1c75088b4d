import {
  addClaim,
  connect,
  createMap,
  evaluate,
  evaluationInput,
  removeClaim,
  type EvalResult,
} from '@warrant/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LensStore } from '../session/LensStore.ts';
import { EvaluationRunner, NO_CHECKS, type EvaluationWorker } from './EvaluationRunner.ts';
import type { EvaluationRequest, EvaluationResponse } from './protocol.ts';
import { WorkerEvaluation } from './WorkerEvaluation.ts';

/** A worker that keeps requests until the test answers them. */
function fakeWorker() {
  const asked: EvaluationRequest[] = [];
  const worker: EvaluationWorker = {
    onmessage: null,
    postMessage: (r) => asked.push(r),
    terminate: () => {},
  };
  const answer = (seq: number, labels: EvalResult['labels']) => {
    const data: EvaluationResponse = {
      seq,
      ok: true,
      result: { semantics: 'grounded', mode: 'attack', labels, relations: {} },
      checks: NO_CHECKS,
    };
    worker.onmessage?.({ data } as MessageEvent<EvaluationResponse>);
  };
  return { worker, asked, answer };
}

describe('EvaluationRunner', () => {
  let frames: (() => void)[] = [];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
  });
  afterEach(() => vi.unstubAllGlobals());
  const nextFrame = () => frames.splice(0).forEach((f) => f());

  it('asks once per frame however many changes came, and drops a stale answer', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Test' });
    const lens = new LensStore();
    const { worker, asked, answer } = fakeWorker();
    const runner = new EvaluationRunner(doc, lens, () => worker);
    runner.start();
    nextFrame();
    expect(asked).toHaveLength(1);
    const a = addClaim(doc, { text: 'a' });
    addClaim(doc, { text: 'b' });
    nextFrame();
    expect(asked).toHaveLength(2);
    expect(asked[0]?.delta.reset).toBe(true);
    // Only what changed goes to the worker: the two new claims, not the map again.
    expect(asked[1]?.delta.reset).toBeUndefined();
    expect(asked[1]?.delta.claimsAdded.map((c) => c.id)).toHaveLength(2);
    answer(1, { [a]: 'rejected' });
    expect(lens.latest.get()).toBeNull();
    answer(2, { [a]: 'accepted' });
    expect(lens.labelOf(a)).toBe('accepted');
    runner.destroy();
  });

  it('publishes the labels a fresh evaluation gives, edit after edit, through the worker', () => {
    const doc = new Y.Doc();
    createMap(doc, { title: 'Test' });
    const lens = new LensStore();
    const inWorker = new WorkerEvaluation();
    const answers: EvaluationResponse[] = [];
    const worker: EvaluationWorker = {
      onmessage: null,
      postMessage: (request) => {
        // A structured clone, as postMessage makes, both ways.
        for (const answer of inWorker.answer(structuredClone(request))) {
          const data = structuredClone(answer);
          answers.push(data);
          worker.onmessage?.({ data } as MessageEvent<EvaluationResponse>);
        }
      },
      terminate: () => {},
    };
    const runner = new EvaluationRunner(doc, lens, () => worker);
    runner.start();
    nextFrame();
    const [a, b, c] = ['a', 'b', 'c'].map((text) => addClaim(doc, { text })) as [
      string,
      string,
      string,
    ];
    const expectFresh = () => {
      nextFrame();
      const mode = lens.options.get().mode;
      const fresh = evaluate(evaluationInput(doc), { semantics: 'grounded', mode });
      expect(lens.latest.get()?.result.labels).toEqual(fresh.labels);
      expect(lens.latest.get()?.graph).toEqual(evaluationInput(doc));
    };
    expectFresh();
    const rebuttal = connect(doc, { kind: 'rebut', premises: [b], target: { claim: a } });
    expectFresh();
    expect(lens.labelOf(a)).toBe('rejected');
    // After the first answer, only the labels that changed cross back, and the checks on
    // their own, after them.
    const [labels, checked] = answers.slice(-2);
    expect(labels).toHaveProperty('changes');
    expect(labels).not.toHaveProperty('result');
    expect(labels).not.toHaveProperty('checks');
    expect(checked).toHaveProperty('checks');
    expect(lens.latest.get()?.checks.unanswered).toEqual([rebuttal]);
    connect(doc, { kind: 'rebut', premises: [c], target: { relation: rebuttal } });
    expectFresh();
    expect(lens.labelOf(a)).toBe('accepted');
    lens.options.set({ semantics: 'grounded', mode: 'burden' });
    connect(doc, { kind: 'support', premises: [c], target: { claim: b } });
    expectFresh();
    removeClaim(doc, c);
    expectFresh();
    expect(lens.labelOf(a)).toBe('undecided');
    runner.destroy();
  });

  it('reads a large map in slices at idle moments, and keeps the edits made meanwhile', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const doc = new Y.Doc();
      createMap(doc, { title: 'Test' });
      const claims = Array.from({ length: 1200 }, (_, i) => addClaim(doc, { text: `c${i}` }));
      const lens = new LensStore();
      const inWorker = new WorkerEvaluation();
      const worker: EvaluationWorker = {
        onmessage: null,
        postMessage: (request) => {
          for (const data of inWorker.answer(structuredClone(request))) {
            worker.onmessage?.({ data } as MessageEvent<EvaluationResponse>);
          }
        },
        terminate: () => {},
      };
      // Each slice reads one batch of records: several slices for this map.
      const runner = new EvaluationRunner(doc, lens, () => worker, 0);
      runner.start();
      nextFrame();
      expect(lens.latest.get()).toBeNull(); // still reading: nothing asked yet
      const a = claims[0]!;
      const late = addClaim(doc, { text: 'late' });
      connect(doc, { kind: 'rebut', premises: [late], target: { claim: a } });
      removeClaim(doc, claims[5]!); // read in the first slice
      let slices = 0;
      while (!lens.latest.get() && slices++ < 50) {
        vi.advanceTimersByTime(250);
        nextFrame();
      }
      expect(slices).toBeGreaterThan(2);
      expect(lens.latest.get()?.graph).toEqual(evaluationInput(doc));
      expect(lens.labelOf(a)).toBe('rejected');
      expect(lens.latest.get()?.result.labels).toEqual(evaluate(evaluationInput(doc)).labels);
      runner.destroy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops reading when destroyed halfway', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const doc = new Y.Doc();
      createMap(doc, { title: 'Test' });
      for (let i = 0; i < 1200; i++) addClaim(doc, { text: `c${i}` });
      const { worker, asked } = fakeWorker();
      const runner = new EvaluationRunner(doc, new LensStore(), () => worker, 0);
      runner.start();
      runner.destroy();
      vi.advanceTimersByTime(5000);
      nextFrame();
      expect(asked).toEqual([]);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
