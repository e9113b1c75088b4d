import { generatedMap } from '@warrant/fixtures';
import {
  addClaim,
  connect,
  diffMaps,
  diffSize,
  listClaims,
  listRelations,
  removeClaim,
  setClaimText,
} from '@warrant/shared';
import * as Y from 'yjs';
import { median, round } from './lib/stats.ts';

/**
 * Diff speed (issue 14: diffing two versions of a 10,000-claim map under 500 ms). Two
 * versions as the relay holds them: a generated map, and a copy after a working session's
 * edits (claims added, removed and reworded, reasons added and turned around). Timed is
 * `diffMaps` on the two docs, as `GET /api/maps/:id/diff` runs it once the versions are
 * loaded; loading the snapshots is reported on its own.
 */
export interface DiffResult {
  claims: number;
  /** What the diff found: the edits made, counted as the API's `changes` counts them. */
  changes: { added: number; removed: number; changed: number };
  medianMs: number;
  samplesMs: number[];
  /** Median ms to load both versions' snapshots into docs (`Y.applyUpdate`). */
  loadMs: number;
}

export function diffBench(options: { claims: number; repeats: number }): DiffResult {
  const before = generatedMap({ claims: options.claims, seed: 14 });
  const after = new Y.Doc();
  Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
  const claims = listClaims(after);
  const edits = Math.max(1, Math.round(options.claims / 100));
  after.transact(() => {
    for (let i = 0; i < edits; i++) {
      const reworded = claims[i * 7];
      if (reworded) setClaimText(after, reworded.id, `${reworded.text} (reworded in session ${i})`);
      const removed = claims[i * 7 + 3];
      if (removed) removeClaim(after, removed.id);
      const added = addClaim(after, { text: `A new claim number ${i}` });
      const target = claims[i * 7 + 5];
      if (target)
        connect(after, { kind: 'rebut', premises: [added], target: { claim: target.id } });
    }
  });
  const snapshots = [Y.encodeStateAsUpdate(before), Y.encodeStateAsUpdate(after)];
  const loadSamples: number[] = [];
  const samplesMs: number[] = [];
  let changes = { added: 0, removed: 0, changed: 0 };
  for (let i = 0; i < options.repeats; i++) {
    let start = performance.now();
    const [from, to] = snapshots.map((s) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, s);
      return doc;
    });
    loadSamples.push(performance.now() - start);
    start = performance.now();
    const diff = diffMaps(from!, to!);
    samplesMs.push(round(performance.now() - start, 0));
    changes = diffSize(diff);
    from!.destroy();
    to!.destroy();
  }
  if (changes.added === 0 || listRelations(after).length === 0) {
    throw new Error('the diff found none of the edits');
  }
  return {
    claims: options.claims,
    changes,
    medianMs: median(samplesMs),
    samplesMs,
    loadMs: round(median(loadSamples), 0),
  };
}
