import { seededRandom } from '@warrant/fixtures';
import {
  addClaim,
  addPassage,
  addSource,
  cite,
  compareMaps,
  connect,
  createMap,
  disconnect,
  listClaims,
  listEvidence,
  listRelations,
  removeClaim,
  setClaimText,
  uncite,
  type ClaimId,
} from '@warrant/shared';
import * as Y from 'yjs';
import { median, round } from './lib/stats.ts';

/**
 * Comparing with a reference (issue 15: two 1,000-claim maps under 1 s). A reference map of
 * `claims` claims in pro/con trees, most citing a sentence of one long source, in words
 * drawn from a 3,000-word vocabulary with natural language's skew (Zipf: a few words in
 * most claims, most words rare); and a student's copy forked from it after a session's
 * edits: a tenth of the claims removed, a tenth reworded and no longer citing (so only the
 * words can match them), a tenth new, a tenth of the reasons turned around. Timed is
 * `compareMaps` on the two docs, reading both through the model's queries as
 * `GET /api/maps/:a/compare/:b` does once the maps are loaded.
 */
export interface CompareResult {
  claims: number;
  /** What the comparison found, to show it found the edits. */
  found: { matched: number; byText: number; missing: number; extra: number; disagree: number };
  medianMs: number;
  samplesMs: number[];
  /**
   * Median CPU time of the process per comparison (user + system): on a machine shared with
   * other work the wall time waits for a core, this does not.
   */
  cpuMs: number;
}

const VOCABULARY = 3_000;

/** The two maps the figure compares: the reference and the student's edited copy. */
export function referenceAndCopy(count: number): { reference: Y.Doc; student: Y.Doc } {
  const options = { claims: count };
  const rand = seededRandom(15);
  // Zipf: word k drawn with weight 1/k.
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= VOCABULARY; k++) cumulative.push((total += 1 / k));
  const word = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return `w${lo}`;
  };
  const sentence = () => {
    const n = 10 + Math.floor(rand() * 10);
    return Array.from({ length: n }, word).join(' ');
  };

  const reference = new Y.Doc();
  createMap(reference, { title: 'Reference' });
  const sentences = Array.from({ length: options.claims }, sentence);
  const source = addSource(reference, {
    title: 'The long source',
    authors: ['A. Author'],
    issued: '2024',
    kind: 'report',
    body: sentences.map((s, i) => `Sentence ${i}: ${s}.`).join('\n'),
  });
  const ids: ClaimId[] = [];
  reference.transact(() => {
    let offset = 0;
    sentences.forEach((s, i) => {
      const id = addClaim(reference, {
        text: `${sentence()} ${s.split(' ').slice(0, 4).join(' ')}`,
      });
      const start = offset + `Sentence ${i}: `.length;
      offset += `Sentence ${i}: ${s}.\n`.length;
      if (rand() < 0.7) {
        const passage = addPassage(reference, { source, start, end: start + s.length });
        cite(reference, { claim: id, passage, stance: rand() < 0.8 ? 'support' : 'rebut' });
      }
      if (ids.length > 0) {
        const target = ids[Math.floor(rand() * ids.length)] as ClaimId;
        connect(reference, {
          kind: rand() < 0.35 ? 'rebut' : 'support',
          premises: [id],
          target: { claim: target },
        });
      }
      ids.push(id);
    });
  });

  const student = new Y.Doc();
  Y.applyUpdate(student, Y.encodeStateAsUpdate(reference));
  const claims = listClaims(student);
  const relations = listRelations(student);
  const edits = Math.round(options.claims / 10);
  student.transact(() => {
    for (let i = 0; i < edits; i++) {
      const reworded = claims[i * 10 + 5];
      if (reworded) {
        const words = reworded.text.split(' ');
        words.splice(1, 1, word());
        setClaimText(student, reworded.id, words.reverse().join(' '));
        for (const e of listEvidence(student, { claim: reworded.id })) {
          uncite(student, e.claim, e.passage);
        }
      }
      const turned = relations[i * 10 + 7];
      if (turned && listRelations(student).some((r) => r.id === turned.id)) {
        disconnect(student, turned.id);
        connect(student, {
          kind: turned.kind === 'support' ? 'rebut' : 'support',
          premises: turned.premises,
          target: turned.target,
        });
      }
      const removed = claims[i * 10 + 3];
      if (removed) removeClaim(student, removed.id);
      const added = addClaim(student, { text: sentence() });
      const target = claims[i * 10 + 1];
      if (target)
        connect(student, { kind: 'support', premises: [added], target: { claim: target.id } });
    }
  });

  return { reference, student };
}

export function compareBench(options: { claims: number; repeats: number }): CompareResult {
  const { reference, student } = referenceAndCopy(options.claims);
  const samplesMs: number[] = [];
  const cpuSamples: number[] = [];
  let found: CompareResult['found'] = { matched: 0, byText: 0, missing: 0, extra: 0, disagree: 0 };
  for (let i = 0; i < options.repeats; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = compareMaps(student, reference);
    samplesMs.push(round(performance.now() - start, 0));
    const used = process.cpuUsage(cpu);
    cpuSamples.push(round((used.user + used.system) / 1000, 0));
    found = {
      matched: report.claims.matched.length,
      byText: report.claims.matched.filter((m) => m.by === 'text').length,
      missing: report.claims.missing.length,
      extra: report.claims.extra.length,
      disagree: report.relations.disagree.length,
    };
  }
  if (found.missing === 0 || found.byText === 0 || found.disagree === 0) {
    throw new Error(`the comparison found none of some edits: ${JSON.stringify(found)}`);
  }
  return {
    claims: options.claims,
    found,
    medianMs: median(samplesMs),
    samplesMs,
    cpuMs: median(cpuSamples),
  };
}
