import { addClaim, createMap, type EvalResult, type MapChecks } from '@warrant/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LensStore } from '../session/LensStore.ts';
import { EvaluationRunner, type EvaluationWorker } from './EvaluationRunner.ts';
import type { EvaluationRequest, EvaluationResponse } from './protocol.ts';

const NO_CHECKS: MapChecks = {
  unsupported: [],
  unanswered: [],
  circular: [],
  orphanedOnly: [],
  brokenReasons: [],
};

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
    expect(asked[1]?.graph.claims).toHaveLength(2);
    answer(1, { [a]: 'rejected' });
    expect(lens.latest.get()).toBeNull();
    answer(2, { [a]: 'accepted' });
    expect(lens.labelOf(a)).toBe('accepted');
    runner.destroy();
  });
});
