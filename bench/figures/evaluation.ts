import { evaluationBench } from '../evaluation.ts';
import type { Figure } from '../lib/figure.ts';

export const evaluationFigure: Figure<{ claims: number; reasons: number; edits: number }> = {
  name: 'evaluation',
  about: 'labels after one edit (full vs incremental), preferred semantics',
  options: ({ quick }) => ({ claims: 2_000, reasons: 3_000, edits: quick ? 50 : 300 }),
  async run(options, { out, results }) {
    const r = evaluationBench(options);
    out(
      `\nevaluation: one edit in a map of ${r.claims} claims and ${r.reasons} reasons until its grounded labels are current (ms per edit, ${r.edits} edits, Y.Doc transaction included)`,
    );
    out('  mode    path            p50      p99      max');
    for (const [name, v] of Object.entries(r.perEdit)) {
      const [mode = '', path = ''] = name.split(' ');
      out(
        `  ${mode.padEnd(7)} ${path.padEnd(12)} ${String(v.p50).padStart(7)}  ${String(v.p99).padStart(7)}  ${String(v.max).padStart(7)}`,
      );
    }
    out(
      `  relabelled per edit: p50 ${r.relabelled.p50}, p99 ${r.relabelled.p99} of ${r.arguments} arguments; to the worker: delta clone p50 ${r.cloneDeltaMs.p50} ms (p99 ${r.cloneDeltaMs.p99}), changed labels back p50 ${r.cloneLabelsMs.p50} ms (p99 ${r.cloneLabelsMs.p99}; all labels p50 ${r.cloneResultMs.p50}, p99 ${r.cloneResultMs.p99}); checks ${r.checksMs} ms`,
    );
    for (const [mode, p] of Object.entries(r.preferred)) {
      out(
        `  preferred ${mode.padEnd(7)} ${p.ms} ms, gaveUp ${p.gaveUp}, extensions ${p.extensions ?? '-'}`,
      );
    }
    results.evaluation = r;
  },
};
