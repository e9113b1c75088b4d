import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportMap } from './json/exportMap.ts';
import { importMap } from './json/importMap.ts';
import { createMap } from './meta.ts';
import { mapStats, proConTree, rootClaims, unsupportedClaims } from './queries.ts';
import { addClaim, listClaims, removeClaim, setClaimText } from './records/Claim.ts';
import { cite, listEvidence, uncite } from './records/Evidence.ts';
import { addPassage, listPassages, removePassage } from './records/Passage.ts';
import {
  addPremise,
  connect,
  disconnect,
  listRelations,
  removePremise,
} from './records/Relation.ts';
import { addSource, editSourceText, listSources } from './records/Source.ts';
import { ModelError } from './errors.ts';

/**
 * The yjs testing idea applied to the model: several replicas make random operations while
 * updates are delivered late, in random order, and in partitions; afterwards every replica
 * must hold the same map, and no query may show a relation or citation that dangles.
 */
const REPLICAS = 3;

type Op =
  | { t: 'addClaim'; text: string }
  | { t: 'removeClaim'; pick: number }
  | { t: 'editClaim'; pick: number; text: string }
  | { t: 'connect'; kind: 'support' | 'rebut'; a: number; b: number; undercut: boolean }
  | { t: 'disconnect'; pick: number }
  | { t: 'addPremise'; pick: number; claim: number }
  | { t: 'removePremise'; pick: number; claim: number }
  | { t: 'addPassage'; at: number; len: number }
  | { t: 'removePassage'; pick: number }
  | { t: 'editSource'; at: number; del: number; text: string }
  | { t: 'cite'; claim: number; passage: number; stance: 'support' | 'rebut' }
  | { t: 'uncite'; pick: number };

const idx = fc.nat(1000);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('addClaim' as const), text: fc.string({ maxLength: 12 }) }),
  fc.record({ t: fc.constant('removeClaim' as const), pick: idx }),
  fc.record({ t: fc.constant('editClaim' as const), pick: idx, text: fc.string({ maxLength: 8 }) }),
  fc.record({
    t: fc.constant('connect' as const),
    kind: fc.constantFrom('support' as const, 'rebut' as const),
    a: idx,
    b: idx,
    undercut: fc.boolean(),
  }),
  fc.record({ t: fc.constant('disconnect' as const), pick: idx }),
  fc.record({ t: fc.constant('addPremise' as const), pick: idx, claim: idx }),
  fc.record({ t: fc.constant('removePremise' as const), pick: idx, claim: idx }),
  fc.record({
    t: fc.constant('addPassage' as const),
    at: idx,
    len: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ t: fc.constant('removePassage' as const), pick: idx }),
  fc.record({
    t: fc.constant('editSource' as const),
    at: idx,
    del: fc.nat(6),
    text: fc.string({ maxLength: 5 }),
  }),
  fc.record({
    t: fc.constant('cite' as const),
    claim: idx,
    passage: idx,
    stance: fc.constantFrom('support' as const, 'rebut' as const),
  }),
  fc.record({ t: fc.constant('uncite' as const), pick: idx }),
);

const pickFrom = <T>(list: T[], i: number): T | undefined =>
  list.length ? list[i % list.length] : undefined;

function apply(doc: Y.Doc, op: Op): void {
  const claims = listClaims(doc).map((c) => c.id);
  const relations = listRelations(doc);
  const source = listSources(doc)[0]!.id;
  const passages = listPassages(doc).map((p) => p.id);
  try {
    switch (op.t) {
      case 'addClaim':
        addClaim(doc, { text: op.text });
        break;
      case 'removeClaim': {
        const c = pickFrom(claims, op.pick);
        if (c) removeClaim(doc, c);
        break;
      }
      case 'editClaim': {
        const c = pickFrom(claims, op.pick);
        if (c) setClaimText(doc, c, op.text);
        break;
      }
      case 'connect': {
        const a = pickFrom(claims, op.a);
        const r = pickFrom(relations, op.b);
        const b = pickFrom(claims, op.b);
        if (!a) break;
        if (op.undercut && r)
          connect(doc, { kind: 'rebut', premises: [a], target: { relation: r.id } });
        else if (b && b !== a) connect(doc, { kind: op.kind, premises: [a], target: { claim: b } });
        break;
      }
      case 'disconnect': {
        const r = pickFrom(relations, op.pick);
        if (r) disconnect(doc, r.id);
        break;
      }
      case 'addPremise': {
        const r = pickFrom(relations, op.pick);
        const c = pickFrom(claims, op.claim);
        if (r && c) addPremise(doc, r.id, c);
        break;
      }
      case 'removePremise': {
        const r = pickFrom(relations, op.pick);
        const c = r && pickFrom(r.premises, op.claim);
        if (r && c) removePremise(doc, r.id, c);
        break;
      }
      case 'addPassage': {
        const length = listSources(doc)[0]!.length;
        if (length < 2) break;
        const start = op.at % (length - 1);
        addPassage(doc, { source, start, end: Math.min(length, start + op.len) });
        break;
      }
      case 'removePassage': {
        const p = pickFrom(passages, op.pick);
        if (p) removePassage(doc, p);
        break;
      }
      case 'editSource': {
        const length = listSources(doc)[0]!.length;
        const index = op.at % (length + 1);
        editSourceText(doc, source, {
          index,
          deleteCount: Math.min(op.del, length - index),
          insert: op.text,
        });
        break;
      }
      case 'cite': {
        const c = pickFrom(claims, op.claim);
        const p = pickFrom(passages, op.passage);
        if (c && p) cite(doc, { claim: c, passage: p, stance: op.stance });
        break;
      }
      case 'uncite': {
        const e = pickFrom(listEvidence(doc), op.pick);
        if (e) uncite(doc, e.claim, e.passage);
        break;
      }
    }
  } catch (e) {
    // Operations refuse what would be invalid (e.g. removing a last premise); that is fine.
    if (!(e instanceof ModelError)) throw e;
  }
}

function assertNoDangling(doc: Y.Doc): void {
  const claims = new Set(listClaims(doc).map((c) => c.id));
  const relations = listRelations(doc);
  const relationIds = new Set(relations.map((r) => r.id));
  const passages = new Set(listPassages(doc).map((p) => p.id));
  for (const r of relations) {
    expect(r.premises.length).toBeGreaterThan(0);
    for (const p of r.premises) expect(claims.has(p)).toBe(true);
    if ('claim' in r.target) expect(claims.has(r.target.claim)).toBe(true);
    else expect(relationIds.has(r.target.relation)).toBe(true);
  }
  for (const e of listEvidence(doc)) {
    expect(claims.has(e.claim)).toBe(true);
    expect(passages.has(e.passage)).toBe(true);
  }
  for (const id of rootClaims(doc)) expect(claims.has(id)).toBe(true);
  for (const id of unsupportedClaims(doc)) expect(claims.has(id)).toBe(true);
  for (const id of claims) {
    const walk = (node: NonNullable<ReturnType<typeof proConTree>>): void => {
      expect(claims.has(node.claim)).toBe(true);
      for (const reason of node.reasons) {
        expect(relationIds.has(reason.relation)).toBe(true);
        reason.premises.forEach(walk);
      }
    };
    walk(proConTree(doc, id)!);
  }
  // The JSON form of any reachable state is importable.
  expect(mapStats(doc).relations).toBe(relations.length);
}

describe('concurrent editing', () => {
  it('converges and never shows dangling relations or citations', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            replica: fc.nat(REPLICAS - 1),
            op: opArb,
            // After an op, deliver some pending updates: none, to one peer, or to all.
            deliver: fc.constantFrom('none', 'one', 'all'),
            to: fc.nat(REPLICAS - 1),
          }),
          { minLength: 5, maxLength: 40 },
        ),
        fc.infiniteStream(fc.nat()),
        (steps, shuffle) => {
          const origin = new Y.Doc();
          createMap(origin, { title: 'Concurrent' });
          addSource(origin, {
            title: 'S',
            authors: [],
            issued: '2023',
            kind: 'op-ed',
            body: 'NATO is a defensive alliance. Collective security is regional.',
          });
          const seed = Y.encodeStateAsUpdate(origin);
          const docs = Array.from({ length: REPLICAS }, () => {
            const d = new Y.Doc();
            Y.applyUpdate(d, seed);
            return d;
          });
          // inbox[i] holds updates not yet delivered to replica i.
          const inbox: Uint8Array[][] = docs.map(() => []);
          docs.forEach((d, i) =>
            d.on('update', (u: Uint8Array, origin: unknown) => {
              if (origin === 'remote') return;
              inbox.forEach((box, j) => j !== i && box.push(u));
            }),
          );
          const rand = shuffle[Symbol.iterator]();
          const deliver = (j: number): void => {
            const box = inbox[j]!;
            // Deliver in a random order; Yjs must cope with missing dependencies meanwhile.
            while (box.length) {
              const k = (rand.next().value as number) % box.length;
              const [u] = box.splice(k, 1);
              Y.applyUpdate(docs[j]!, u!, 'remote');
            }
          };
          for (const step of steps) {
            apply(docs[step.replica]!, step.op);
            if (step.deliver === 'one') deliver(step.to);
            if (step.deliver === 'all') docs.forEach((_, j) => deliver(j));
            assertNoDangling(docs[step.replica]!);
          }
          docs.forEach((_, j) => deliver(j));
          const exports = docs.map((d) => JSON.stringify(exportMap(d)));
          for (const e of exports) expect(e).toBe(exports[0]);
          // Whatever state people reach, its JSON form imports back to the same map.
          const reimported = importMap(JSON.parse(exports[0]!)).doc;
          expect(JSON.stringify(exportMap(reimported))).toBe(exports[0]);
          docs.forEach(assertNoDangling);
          const state = docs.map((d) => Y.encodeStateVector(d));
          for (const s of state) expect(s).toEqual(state[0]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
