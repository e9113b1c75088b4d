import {
  addClaim,
  checks,
  connect,
  createMap,
  evaluate,
  evaluationInput,
  EvalGraphTracker,
  IncrementalGrounded,
  observeChanges,
  removeClaim,
  type ClaimId,
  type EvalGraphDelta,
  type Mode,
} from '@warrant/shared';
import { seededRandom } from '@warrant/fixtures';
import * as Y from 'yjs';
import { percentile, round } from './lib/stats.ts';

/**
 * Live evaluation (issue 16: after one edit in a map of 2,000 claims and 3,000 reasons the
 * labels are current within 16 ms; preferred semantics finishes within 1 s or says it gave
 * up). A seeded map built through the model's operations (60% rebuttals, 30% supports, 10%
 * undercuts, one reason in five linked); then the same sequence of edits (a rebuttal, a
 * support, an undercut, a claim removed, a reason disconnected) timed two ways, side by side:
 *
 * - `full`: what the client did before — `evaluationInput(doc)` then `evaluate` after each edit;
 * - `incremental`: `EvalGraphTracker` turns the transaction's change into a delta and
 *   `IncrementalGrounded` relabels what the delta reaches, up to the labels that changed
 *   (what the worker posts back).
 *
 * Each sample runs from the end of the edit's Y.Doc transaction (the first `afterTransaction`
 * handler, where a remote update would land too) to the labels, so it includes reading what
 * the transaction changed (`observeChanges`, the tracker) but not the edit's own work in the
 * model, which is reported apart (`edit`). What crossing to the worker costs is measured
 * apart too (`structuredClone` of the delta, of the changed labels coming back, and for comparison of
 * every label, as the worker posted before), as is `checks`.
 */
export interface EvaluationResult {
  claims: number;
  reasons: number;
  edits: number;
  /** ms per edit, by mode and path; `edit`: the model operation's own transaction. */
  perEdit: Record<string, { p50: number; p99: number; max: number }>;
  /** Arguments the incremental path relabelled per edit (of `arguments`). */
  relabelled: { p50: number; p99: number };
  arguments: number;
  cloneDeltaMs: { p50: number; p99: number };
  /** The changed labels coming back; `cloneResultMs`: all of them, as before. */
  cloneLabelsMs: { p50: number; p99: number };
  cloneResultMs: { p50: number; p99: number };
  checksMs: number;
  preferred: Record<string, { ms: number; gaveUp: boolean; extensions: number | null }>;
}

function buildMap(claimCount: number, reasonCount: number, seed: number) {
  const random = seededRandom(seed);
  const doc = new Y.Doc();
  createMap(doc, { title: 'Evaluation bench' });
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const claims: ClaimId[] = [];
  doc.transact(() => {
    for (let i = 0; i < claimCount; i++) claims.push(addClaim(doc, { text: `claim ${i}` }));
  });
  const reasons: string[] = [];
  doc.transact(() => {
    while (reasons.length < reasonCount) {
      const premises = [pick(claims), ...(random() < 0.2 ? [pick(claims)] : [])];
      const roll = random();
      try {
        if (roll < 0.1 && reasons.length) {
          reasons.push(
            connect(doc, { kind: 'rebut', premises, target: { relation: pick(reasons) } }),
          );
        } else {
          const kind = roll < 0.7 ? 'rebut' : 'support';
          reasons.push(connect(doc, { kind, premises, target: { claim: pick(claims) } }));
        }
      } catch {
        // A claim picked as its own premise: pick again.
      }
    }
  });
  return { doc, claims, reasons, random, pick };
}

const summary = (xs: number[]) => ({
  p50: round(percentile(xs, 50), 2),
  p99: round(percentile(xs, 99), 2),
  max: round(Math.max(...xs), 2),
});

export function evaluationBench(options: {
  claims: number;
  reasons: number;
  edits: number;
  seed?: number;
}): EvaluationResult {
  const seed = options.seed ?? 16;
  const perEdit: EvaluationResult['perEdit'] = {};
  let relabelled: number[] = [];
  let argumentsCount = 0;
  const cloneDelta: number[] = [];
  const cloneLabels: number[] = [];
  const cloneAll: number[] = [];
  for (const mode of ['attack', 'burden'] as Mode[]) {
    for (const path of ['full', 'incremental'] as const) {
      // The same map and the same edits for both paths.
      const m = buildMap(options.claims, options.reasons, seed);
      const edit = (i: number): void => {
        const [a, b] = [m.pick(m.claims), m.pick(m.claims)];
        try {
          switch (i % 5) {
            case 0:
              m.reasons.push(
                connect(m.doc, { kind: 'rebut', premises: [a], target: { claim: b } }),
              );
              break;
            case 1:
              m.reasons.push(
                connect(m.doc, { kind: 'support', premises: [a], target: { claim: b } }),
              );
              break;
            case 2:
              m.reasons.push(
                connect(m.doc, {
                  kind: 'rebut',
                  premises: [a],
                  target: { relation: m.pick(m.reasons) },
                }),
              );
              break;
            case 3:
              removeClaim(m.doc, m.claims.splice(m.claims.indexOf(a), 1)[0] ?? '');
              break;
            default:
              m.claims.push(addClaim(m.doc, { text: 'new claim' }));
          }
        } catch {
          // A self-rebuttal or a reason already removed with its claim: a no-op edit.
        }
      };
      const samples: number[] = [];
      const editSamples: number[] = [];
      // Registered before any observer, so it runs first once a transaction ends.
      let t0 = 0;
      let started = 0;
      const mark = (): void => void (t0 = performance.now());
      m.doc.on('afterTransaction', mark);
      if (path === 'full') {
        for (let i = 0; i < options.edits; i++) {
          t0 = 0;
          started = performance.now();
          edit(i);
          if (!t0) t0 = performance.now();
          editSamples.push(t0 - started);
          evaluate(evaluationInput(m.doc), { semantics: 'grounded', mode });
          samples.push(performance.now() - t0);
        }
      } else {
        const tracker = new EvalGraphTracker(m.doc);
        const engine = new IncrementalGrounded(mode);
        engine.apply(tracker.reset());
        let last: EvalGraphDelta | undefined;
        const stop = observeChanges(m.doc, (change) => {
          last = tracker.apply(change);
          engine.apply(last);
        });
        const sizes: number[] = [];
        for (let i = 0; i < options.edits; i++) {
          last = undefined;
          t0 = 0;
          started = performance.now();
          edit(i);
          // What the worker posts back: the labels that changed (the page holds the rest).
          const changes = engine.takeChanges();
          const done = performance.now();
          if (!t0) t0 = done;
          samples.push(done - t0);
          editSamples.push(t0 - started);
          sizes.push(last ? engine.recomputed : 0);
          if (mode === 'attack' && last) {
            const c0 = performance.now();
            structuredClone(last);
            cloneDelta.push(performance.now() - c0);
            const c1 = performance.now();
            structuredClone(changes);
            cloneLabels.push(performance.now() - c1);
            const c2 = performance.now();
            structuredClone(engine.result());
            cloneAll.push(performance.now() - c2);
          }
        }
        stop();
        if (mode === 'attack') {
          relabelled = sizes;
          const g = engine.graph();
          argumentsCount = g.claims.length + g.relations.length;
        }
      }
      m.doc.off('afterTransaction', mark);
      perEdit[`${mode} ${path}`] = summary(samples);
      if (path === 'incremental') perEdit[`${mode} edit`] = summary(editSamples);
    }
  }

  const m = buildMap(options.claims, options.reasons, seed);
  const graph = evaluationInput(m.doc);
  const checkSamples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    checks(graph);
    checkSamples.push(performance.now() - t0);
  }
  const preferred: EvaluationResult['preferred'] = {};
  for (const mode of ['attack', 'burden'] as Mode[]) {
    const t0 = performance.now();
    const r = evaluate(graph, { semantics: 'preferred', mode });
    preferred[mode] = {
      ms: round(performance.now() - t0, 1),
      gaveUp: r.gaveUp ?? false,
      extensions: r.extensionCount ?? null,
    };
  }
  return {
    claims: graph.claims.length,
    reasons: graph.relations.length,
    edits: options.edits,
    perEdit,
    relabelled: { p50: percentile(relabelled, 50), p99: percentile(relabelled, 99) },
    arguments: argumentsCount,
    cloneDeltaMs: summary(cloneDelta),
    cloneLabelsMs: summary(cloneLabels),
    cloneResultMs: summary(cloneAll),
    checksMs: round(percentile(checkSamples, 50), 2),
    preferred,
  };
}
