import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { exportMap } from './formats/json/exportMap.ts';
import { importMap } from './formats/json/importMap.ts';
import { createMap } from './meta.ts';
import { mapStats, unsupportedClaims } from './queries.ts';
import { addClaim } from './records/Claim.ts';
import { cite, listEvidence } from './records/Evidence.ts';
import {
  addPassage,
  getPassage,
  listPassages,
  resolvePassage,
  resolvePassages,
} from './records/Passage.ts';
import { addSource, removeSource } from './records/Source.ts';

/**
 * A source removed on one replica while another replica concurrently quotes it and cites the
 * quote: the removal's cascade cannot see the new passage, so after sync its record is still
 * there, pointing at a source that is gone. Neither the passage nor its citation is live.
 */

/** Three replicas of one map with one claim and one source, in sync. */
function replicas() {
  const origin = new Y.Doc();
  createMap(origin, { title: 'Liveness' });
  const claim = addClaim(origin, { text: 'NATO is a defensive alliance' });
  const source = addSource(origin, {
    title: 'S',
    authors: [],
    issued: '2023',
    kind: 'op-ed',
    body: 'NATO is a defensive alliance. Collective security is regional.',
  });
  const seed = Y.encodeStateAsUpdate(origin);
  const [a, b, c] = [0, 1, 2].map(() => {
    const d = new Y.Doc();
    Y.applyUpdate(d, seed);
    return d;
  }) as [Y.Doc, Y.Doc, Y.Doc];
  return { a, b, c, claim, source };
}

/** Records every update `doc` makes from now on, one entry per transaction. */
function record(doc: Y.Doc): Uint8Array[] {
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') out.push(u);
  });
  return out;
}

const deliver = (doc: Y.Doc, updates: Uint8Array[]): void =>
  updates.forEach((u) => Y.applyUpdate(doc, u, 'remote'));

function expectNothingDangles(doc: Y.Doc, claim: string, passage: string): void {
  expect(listPassages(doc)).toEqual([]);
  expect(resolvePassages(doc)).toEqual([]);
  expect(getPassage(doc, passage)).toBeUndefined();
  expect(resolvePassage(doc, passage)).toBeUndefined();
  expect(listEvidence(doc)).toEqual([]);
  expect(listEvidence(doc, { claim })).toEqual([]);
  expect(listEvidence(doc, { passage })).toEqual([]);
  expect(unsupportedClaims(doc)).toEqual([claim]);
  expect(mapStats(doc)).toEqual({ claims: 1, relations: 0, sources: 0, passages: 0, evidence: 0 });
  const json = exportMap(doc);
  expect(json.passages).toEqual([]);
  expect(json.evidence).toEqual([]);
  const { doc: copy } = importMap(JSON.parse(JSON.stringify(json)));
  expect(exportMap(copy)).toEqual(json);
  // The dead passage cannot be cited again either.
  expect(() => cite(doc, { claim, passage, stance: 'rebut' })).toThrow(ModelError);
}

describe('a source removed while someone quotes it', () => {
  // Orders in which the third replica (c) hears of the two sides: the removal before the
  // quote and citation, after both, or between the passage and its citation.
  const orders = ['removal first', 'removal last', 'removal between'] as const;

  for (const order of orders) {
    it(`hides the passage and its citation everywhere (${order})`, () => {
      const { a, b, c, claim, source } = replicas();
      const fromA = record(a);
      const fromB = record(b);

      removeSource(a, source);
      const passage = addPassage(b, { source, exact: 'defensive alliance' });
      cite(b, { claim, passage, stance: 'support' });
      // Before anyone syncs, b sees its own citation, live.
      expect(listEvidence(b)).toHaveLength(1);
      expect(unsupportedClaims(b)).toEqual([]);
      expect(fromB).toHaveLength(2);

      // a hears of b's quote after its removal, b hears of the removal after its citation.
      deliver(a, fromB);
      deliver(b, fromA);
      if (order === 'removal first') deliver(c, [...fromA, ...fromB]);
      if (order === 'removal last') deliver(c, [...fromB, ...fromA]);
      if (order === 'removal between') deliver(c, [fromB[0]!, ...fromA, fromB[1]!]);

      for (const doc of [a, b, c]) expectNothingDangles(doc, claim, passage);
      const exports = [a, b, c].map((d) => JSON.stringify(exportMap(d)));
      expect(exports[1]).toBe(exports[0]);
      expect(exports[2]).toBe(exports[0]);
    });
  }

  it('hides a citation of an existing passage made while its source was removed', () => {
    const { a, b, claim, source } = replicas();
    const passage = addPassage(a, { source, exact: 'defensive alliance' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
    const fromA = record(a);
    const fromB = record(b);
    removeSource(a, source);
    cite(b, { claim, passage, stance: 'support' });
    deliver(a, fromB);
    deliver(b, fromA);
    for (const doc of [a, b]) expectNothingDangles(doc, claim, passage);
  });
});
