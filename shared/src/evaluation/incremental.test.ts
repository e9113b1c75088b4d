import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from '../errors.ts';
import { modelTypes, observeChanges } from '../observe.ts';
import { removeClaim, setClaimText } from '../records/Claim.ts';
import { cite, uncite } from '../records/Evidence.ts';
import { addPassage } from '../records/Passage.ts';
import { addPremise, connect, disconnect, removePremise } from '../records/Relation.ts';
import { addSource, editSourceText, removeSource } from '../records/Source.ts';
import { mergeDeltas, type EvalGraphDelta } from './delta.ts';
import { evaluate, type EvalResult } from './evaluate.ts';
import type { Mode } from './framework.ts';
import { evaluationInput } from './graph.ts';
import { applyLabelChanges, IncrementalGrounded } from './incremental.ts';
import { newMap } from './testMap.ts';
import { EvalGraphTracker } from './tracker.ts';

const SEED = Number(process.env.EVALUATION_SEED ?? 20_261_204);
const RUNS = Number(process.env.EVALUATION_RUNS ?? 200);

type Op =
  | { t: 'claim' | 'source' | 'undo' | 'sync' }
  | { t: 'rebut' | 'support'; a: number; b: number }
  | { t: 'undercut'; a: number; r: number }
  | { t: 'premise' | 'unpremise'; r: number; a: number }
  | { t: 'remove' | 'text'; a: number }
  | { t: 'disconnect'; r: number }
  | { t: 'cite' | 'uncite'; a: number; s: number; support: boolean }
  | { t: 'cut' | 'unsource'; s: number }
  | { t: 'remote'; a: number; b: number };

// Small indices, so edits keep meeting the same few claims and reasons.
const i = fc.nat(7);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ t: 'claim' as const }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('rebut' as const), a: i, b: i }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('support' as const), a: i, b: i }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('undercut' as const), a: i, r: i }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('premise' as const), r: i, a: i }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unpremise' as const), r: i, a: i }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('remove' as const), a: i }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('text' as const), a: i }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('disconnect' as const), r: i }) },
  { weight: 1, arbitrary: fc.constant({ t: 'source' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('cite' as const), a: i, s: i, support: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('uncite' as const), a: i, s: i, support: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cut' as const), s: i }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unsource' as const), s: i }) },
  { weight: 1, arbitrary: fc.constant({ t: 'undo' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('remote' as const), a: i, b: i }) },
  { weight: 2, arbitrary: fc.constant({ t: 'sync' as const }) },
);

const BODY = 'The inherent right of individual or collective self-defence shall not be impaired.';

/**
 * Runs random edits on a map (local ones through an undo manager, and edits made on a second
 * replica that arrive as remote updates, concurrent with local ones) while a tracker follows
 * it from change events, and checks after every transaction that the tracked graph equals a
 * fresh `evaluationInput` and that the incremental labels equal a from-scratch `evaluate`.
 */
function replay(ops: Op[], mode: Mode, batch: boolean): void {
  const m = newMap();
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(m.doc));
  const undo = new Y.UndoManager(modelTypes(m.doc), { captureTimeout: 0 });
  const tracker = new EvalGraphTracker(m.doc);
  const engine = new IncrementalGrounded(mode);
  engine.apply(tracker.reset());
  const queued: EvalGraphDelta[] = [];
  let page: Pick<EvalResult, 'labels' | 'relations'> = { labels: {}, relations: {} };
  const stop = observeChanges(m.doc, (change) => {
    queued.push(tracker.apply(change));
    if (!batch) engine.apply(queued.splice(0)[0] as EvalGraphDelta);
  });
  const check = (): void => {
    if (batch) engine.apply(mergeDeltas(queued.splice(0)));
    const fresh = evaluationInput(m.doc);
    expect(tracker.graph()).toEqual(fresh);
    expect(engine.graph()).toEqual(fresh);
    const expected = evaluate(fresh, { semantics: 'grounded', mode });
    const got = engine.result();
    expect(got.labels).toEqual(expected.labels);
    expect(got.relations).toEqual(expected.relations);
    // A receiver that takes only the changes (the page) holds the same labels.
    const changes = engine.takeChanges();
    if (!changes) page = structuredClone({ labels: got.labels, relations: got.relations });
    else page = applyLabelChanges(page, changes);
    expect(page).toEqual({ labels: expected.labels, relations: expected.relations });
  };
  const claims = m.claims('a', 'b', 'c', 'd');
  const relations: string[] = [];
  const sources: string[] = [];
  const passages: string[] = [];
  const pick = <T>(xs: T[], n: number): T | undefined => xs[n % Math.max(xs.length, 1)];
  for (const op of ops) {
    try {
      const a = 'a' in op ? pick(claims, op.a) : undefined;
      const b = 'b' in op ? pick(claims, op.b) : undefined;
      const r = 'r' in op ? pick(relations, op.r) : undefined;
      if (op.t === 'claim') claims.push(m.claim());
      else if ((op.t === 'rebut' || op.t === 'support') && a && b) relations.push(m[op.t](a, b));
      else if (op.t === 'undercut' && a && r) relations.push(m.undercut(a, r));
      else if (op.t === 'premise' && a && r) addPremise(m.doc, r, a);
      else if (op.t === 'unpremise' && a && r) removePremise(m.doc, r, a);
      else if (op.t === 'remove' && a) removeClaim(m.doc, a);
      else if (op.t === 'text' && a) setClaimText(m.doc, a, 'changed words');
      else if (op.t === 'disconnect' && r) disconnect(m.doc, r);
      else if (op.t === 'source') {
        const source = addSource(m.doc, {
          title: 'Charter',
          authors: [],
          issued: '1945',
          kind: 'treaty',
          body: BODY,
        });
        sources.push(source);
        passages.push(addPassage(m.doc, { source, exact: 'inherent right' }));
      } else if ((op.t === 'cite' || op.t === 'uncite') && a && passages.length) {
        const passage = pick(passages, op.s) as string;
        if (op.t === 'cite')
          cite(m.doc, { claim: a, passage, stance: op.support ? 'support' : 'rebut' });
        else uncite(m.doc, a, passage);
      } else if (op.t === 'cut' && sources.length) {
        // Deletes the passage's words: it is orphaned, and backs nothing any more.
        editSourceText(m.doc, pick(sources, op.s) as string, { index: 4, deleteCount: 14 });
      } else if (op.t === 'unsource' && sources.length) {
        removeSource(m.doc, pick(sources, op.s) as string);
      } else if (op.t === 'undo') undo.undo();
      else if (op.t === 'remote') {
        // A concurrent edit: made on the other replica before it has seen ours.
        const [ra, rb] = [pick(claims, op.a), pick(claims, op.b)];
        if (ra && rb && ra !== rb) {
          if (op.a % 3 === 0) removeClaim(remote, ra);
          else
            relations.push(
              connect(remote, {
                kind: op.b % 2 ? 'rebut' : 'support',
                premises: [ra],
                target: { claim: rb },
              }),
            );
        }
      } else if (op.t === 'sync') {
        Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(m.doc)));
        Y.applyUpdate(remote, Y.encodeStateAsUpdate(m.doc, Y.encodeStateVector(remote)));
      }
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
    }
    check();
  }
  stop();
}

describe('incremental grounded evaluation', () => {
  for (const mode of ['attack', 'burden'] as const) {
    it(`after random edits, local and remote, labels equal a fresh evaluation (${mode})`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) =>
          replay(ops, mode, false),
        ),
        { seed: SEED, numRuns: RUNS },
      );
    }, 60_000);
  }

  it('takes several deltas merged into one (a worker that missed frames)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) =>
        replay(ops, 'burden', true),
      ),
      { seed: SEED + 1, numRuns: RUNS / 2 },
    );
  }, 60_000);

  it('drops an undercut made while someone else removed the claim its reason aims at', () => {
    const m = newMap();
    const [a, b, c] = m.claims('a', 'b', 'c') as [string, string, string];
    const rebuttal = m.rebut(b, a);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(m.doc));
    const tracker = new EvalGraphTracker(m.doc);
    const engine = new IncrementalGrounded('attack');
    engine.apply(tracker.reset());
    const stop = observeChanges(m.doc, (change) => engine.apply(tracker.apply(change)));
    m.undercut(c, rebuttal);
    // The removal's cascade on the other replica cannot see the undercut made here.
    removeClaim(remote, a);
    Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(m.doc)));
    const fresh = evaluationInput(m.doc);
    expect(fresh.relations).toEqual([]);
    expect(tracker.graph()).toEqual(fresh);
    expect(engine.result().relations).toEqual({});
    expect(engine.result().labels).toEqual({ [b]: 'accepted', [c]: 'accepted' });
    stop();
  });

  it('relabels only what an edit reaches, and stops where labels stay the same', () => {
    const m = newMap();
    const [a, b, c, d] = m.claims('a', 'b', 'c', 'd') as [string, string, string, string];
    m.rebut(b, a);
    m.rebut(d, c);
    const tracker = new EvalGraphTracker(m.doc);
    const engine = new IncrementalGrounded('attack');
    engine.apply(tracker.reset());
    const stop = observeChanges(m.doc, (change) => engine.apply(tracker.apply(change)));
    const e = m.claim('e');
    expect(engine.recomputed).toBe(1);
    m.rebut(e, d);
    // The new rebuttal and its premise e, d, the rebuttal d makes, and c; not a, b or b's.
    expect(engine.recomputed).toBe(5);
    expect(engine.result().labels).toEqual({
      [a]: 'rejected',
      [b]: 'accepted',
      [c]: 'accepted',
      [d]: 'rejected',
      [e]: 'accepted',
    });
    // A second rebuttal of d changes no label: c, downstream of d, is not looked at again.
    m.rebut(m.claim('f'), d);
    expect(engine.recomputed).toBe(4);
    expect(engine.result().labels[c]).toBe('accepted');
    stop();
  });
});
