import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { modelTypes, observeChanges, type MapChange } from '../observe.ts';
import { removeClaim } from '../records/Claim.ts';
import { addPremise, disconnect } from '../records/Relation.ts';
import { mergeDeltas } from './delta.ts';
import { evaluate } from './evaluate.ts';
import { evaluationInput } from './graph.ts';
import { IncrementalGrounded } from './incremental.ts';
import { newMap } from './testMap.ts';
import { EvalGraphTracker } from './tracker.ts';

const SEED = Number(process.env.EVALUATION_SEED ?? 20_261_205);
const RUNS = Number(process.env.EVALUATION_RUNS ?? 100);

type Edit =
  | { t: 'claim' | 'undo' }
  | { t: 'rebut' | 'support' | 'undercut' | 'premise'; a: number; b: number }
  | { t: 'remove' | 'disconnect'; a: number };

const i = fc.nat(40);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant({ t: 'claim' as const }),
  fc.constant({ t: 'undo' as const }),
  fc.record({ t: fc.constantFrom('rebut' as const, 'support' as const), a: i, b: i }),
  fc.record({ t: fc.constantFrom('undercut' as const, 'premise' as const), a: i, b: i }),
  fc.record({ t: fc.constantFrom('remove' as const, 'disconnect' as const), a: i }),
);

describe('EvalGraphTracker.resetSteps', () => {
  it('reads the map in steps, with edits between them, to the graph a whole read gives', () => {
    fc.assert(
      fc.property(
        fc.array(editArb, { maxLength: 30 }),
        fc.array(editArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        (before, between, batch) => {
          const m = newMap();
          const undo = new Y.UndoManager(modelTypes(m.doc), { captureTimeout: 0 });
          const claims = m.claims('a', 'b', 'c', 'd', 'e', 'f');
          const relations: string[] = [];
          const pick = <T>(xs: T[], n: number): T | undefined => xs[n % Math.max(xs.length, 1)];
          const edit = (e: Edit): void => {
            try {
              const a = 'a' in e ? pick(claims, e.a) : undefined;
              const b = 'b' in e ? pick(claims, e.b) : undefined;
              const r = 'b' in e ? pick(relations, e.b) : pick(relations, 'a' in e ? e.a : 0);
              if (e.t === 'claim') claims.push(m.claim());
              else if (e.t === 'undo') undo.undo();
              else if ((e.t === 'rebut' || e.t === 'support') && a && b) {
                relations.push(m[e.t](a, b));
              } else if (e.t === 'undercut' && a && r) relations.push(m.undercut(a, r));
              else if (e.t === 'premise' && a && r) addPremise(m.doc, r, a);
              else if (e.t === 'remove' && a) removeClaim(m.doc, a);
              else if (e.t === 'disconnect' && r) disconnect(m.doc, r);
            } catch (error) {
              if (!(error instanceof ModelError)) throw error;
            }
          };
          before.forEach(edit);
          const tracker = new EvalGraphTracker(m.doc);
          const meanwhile: MapChange[] = [];
          const stop = observeChanges(m.doc, (change) => meanwhile.push(change));
          const steps = tracker.resetSteps(batch);
          const queue = [...between];
          let step = steps.next();
          while (!step.done) {
            const next = queue.shift();
            if (next) edit(next);
            step = steps.next();
          }
          queue.forEach(edit);
          const deltas = [step.value, ...meanwhile.map((change) => tracker.apply(change))];
          stop();
          const fresh = evaluationInput(m.doc);
          expect(tracker.graph()).toEqual(fresh);
          // A receiver of the deltas (the worker) ends with the same graph and labels.
          const engine = new IncrementalGrounded('attack');
          engine.apply(mergeDeltas(deltas));
          expect(engine.graph()).toEqual(fresh);
          expect(engine.result().labels).toEqual(evaluate(fresh).labels);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);

  it('gives the same delta as a whole read when nothing changes between its steps', () => {
    const m = newMap();
    const [a, b, c] = m.claims('a', 'b', 'c');
    m.rebut(b!, a!);
    m.undercut(c!, m.support(c!, a!));
    const whole = new EvalGraphTracker(m.doc).reset();
    const steps = new EvalGraphTracker(m.doc).resetSteps(1);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    expect(yields).toBeGreaterThan(5);
    expect(step.value).toEqual(whole);
  });
});
