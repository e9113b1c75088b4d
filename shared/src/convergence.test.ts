import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { exportMap } from './formats/json/exportMap.ts';
import { importMap } from './formats/json/importMap.ts';
import { createMap, setTitle } from './meta.ts';
import {
  mapStats,
  proConTree,
  rootClaims,
  unsupportedClaims,
  type ProConNode,
  type ProConReason,
} from './queries.ts';
import { addClaim, listClaims, removeClaim, setClaimText } from './records/Claim.ts';
import { cite, listEvidence, uncite } from './records/Evidence.ts';
import {
  addPassage,
  getPassage,
  listPassages,
  removePassage,
  resolvePassage,
  resolvePassages,
} from './records/Passage.ts';
import {
  addPremise,
  connect,
  disconnect,
  listRelations,
  removePremise,
  type Target,
} from './records/Relation.ts';
import {
  addSource,
  editSourceText,
  listSources,
  removeSource,
  updateSource,
} from './records/Source.ts';
import { collections } from './schema.ts';

/**
 * The yjs testing idea applied to the model: several replicas make random operations while
 * their updates travel over separate channels (one per sender and receiver) that a scheduler
 * delivers a random subset of at each step, late and partly, while some replicas stay
 * offline with edits of their own. Replicas relay what they receive, as peers behind a relay
 * do, so updates also arrive twice and by other paths. After every step, no query on a
 * replica that changed may show a relation, passage or citation that dangles, its counts and
 * export must agree with its lists, and its JSON must import back to the same JSON. At the
 * end, once every channel is drained, every replica must hold the same map.
 *
 * In most runs a channel is ordered, like a WebSocket. In the others every channel delivers
 * out of order, so Yjs holds updates whose dependencies are missing; there the JSON
 * round trip is checked only once everything has arrived (see `check`).
 *
 * Runs from a fixed seed, so a failure replays; set CONVERGENCE_SEED to explore others
 * (fast-check prints the seed and path of any failure).
 */
const REPLICAS = 3;
const SEED = Number(process.env.CONVERGENCE_SEED ?? 20_260_601);
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 100);

const BODIES = [
  'NATO is a defensive alliance. Collective security is regional.',
  'Article 51 keeps the inherent right of individual or collective self-defence.',
  'Chapter VIII of the Charter allows regional arrangements for peace.',
];

type Op =
  | { t: 'addClaim'; text: string }
  | { t: 'removeClaim'; pick: number }
  | { t: 'editClaim'; pick: number; text: string }
  | { t: 'connect'; kind: 'support' | 'rebut'; a: number; b: number }
  | { t: 'undercut'; a: number; pick: number }
  | { t: 'disconnect'; pick: number }
  | { t: 'addPremise'; pick: number; claim: number }
  | { t: 'removePremise'; pick: number; claim: number }
  | { t: 'addSource'; body: number; title: string }
  | { t: 'removeSource'; pick: number }
  | { t: 'updateSource'; pick: number; title: string }
  | { t: 'editSource'; pick: number; at: number; del: number; text: string }
  | { t: 'addPassage'; pick: number; at: number; len: number; citedBy: number | null }
  | { t: 'removePassage'; pick: number }
  | { t: 'cite'; claim: number; passage: number; stance: 'support' | 'rebut' }
  | { t: 'uncite'; pick: number }
  | { t: 'setTitle'; title: string };

const idx = fc.nat(1000);
const title = fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta');
const stance = fc.constantFrom('support' as const, 'rebut' as const);
const op = <T extends Op['t']>(t: T) => fc.constant(t);
const weighted = (weight: number, arbitrary: fc.Arbitrary<Op>) => ({ weight, arbitrary });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  weighted(4, fc.record({ t: op('addClaim'), text: fc.string({ maxLength: 12 }) })),
  weighted(2, fc.record({ t: op('removeClaim'), pick: idx })),
  weighted(1, fc.record({ t: op('editClaim'), pick: idx, text: fc.string({ maxLength: 8 }) })),
  weighted(3, fc.record({ t: op('connect'), kind: stance, a: idx, b: idx })),
  weighted(2, fc.record({ t: op('undercut'), a: idx, pick: idx })),
  weighted(1, fc.record({ t: op('disconnect'), pick: idx })),
  weighted(1, fc.record({ t: op('addPremise'), pick: idx, claim: idx })),
  weighted(1, fc.record({ t: op('removePremise'), pick: idx, claim: idx })),
  weighted(2, fc.record({ t: op('addSource'), body: fc.nat(BODIES.length - 1), title })),
  weighted(2, fc.record({ t: op('removeSource'), pick: idx })),
  weighted(1, fc.record({ t: op('updateSource'), pick: idx, title })),
  weighted(
    2,
    fc.record({
      t: op('editSource'),
      pick: idx,
      at: idx,
      del: fc.nat(12),
      text: fc.string({ maxLength: 5 }),
    }),
  ),
  weighted(
    4,
    fc.record({
      t: op('addPassage'),
      pick: idx,
      at: idx,
      len: fc.integer({ min: 1, max: 12 }),
      // Often cited at once, as the reader does when someone cites selected words.
      citedBy: fc.option(idx, { freq: 2, nil: null }),
    }),
  ),
  weighted(1, fc.record({ t: op('removePassage'), pick: idx })),
  weighted(4, fc.record({ t: op('cite'), claim: idx, passage: idx, stance })),
  weighted(1, fc.record({ t: op('uncite'), pick: idx })),
  weighted(1, fc.record({ t: op('setTitle'), title })),
);

const pickFrom = <T>(list: readonly T[], i: number): T | undefined =>
  list.length ? list[i % list.length] : undefined;

/** Applies one operation to whatever `doc` shows now; refused operations are fine. */
function apply(doc: Y.Doc, op: Op): void {
  const claims = listClaims(doc).map((c) => c.id);
  const relations = listRelations(doc);
  const sources = listSources(doc);
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
        const b = pickFrom(claims, op.b);
        if (a && b && a !== b) connect(doc, { kind: op.kind, premises: [a], target: { claim: b } });
        break;
      }
      case 'undercut': {
        const a = pickFrom(claims, op.a);
        const r = pickFrom(relations, op.pick);
        if (a && r) connect(doc, { kind: 'rebut', premises: [a], target: { relation: r.id } });
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
      case 'addSource':
        addSource(doc, {
          title: op.title,
          authors: [],
          issued: '2023',
          kind: 'op-ed',
          body: BODIES[op.body]!,
        });
        break;
      case 'removeSource': {
        const s = pickFrom(sources, op.pick);
        if (s) removeSource(doc, s.id);
        break;
      }
      case 'updateSource': {
        const s = pickFrom(sources, op.pick);
        if (s) updateSource(doc, s.id, { title: op.title });
        break;
      }
      case 'editSource': {
        // Clean-up: delete a range of the text, type a little, or both.
        const s = pickFrom(sources, op.pick);
        if (!s) break;
        const index = op.at % (s.length + 1);
        editSourceText(doc, s.id, {
          index,
          deleteCount: Math.min(op.del, s.length - index),
          insert: op.text,
        });
        break;
      }
      case 'addPassage': {
        const s = pickFrom(sources, op.pick);
        if (!s || s.length < 2) break;
        const start = op.at % (s.length - 1);
        const p = addPassage(doc, { source: s.id, start, end: Math.min(s.length, start + op.len) });
        const c = op.citedBy === null ? undefined : pickFrom(claims, op.citedBy);
        if (c) cite(doc, { claim: c, passage: p, stance: 'support' });
        break;
      }
      case 'removePassage': {
        const p = pickFrom(passages, op.pick);
        if (p) removePassage(doc, p);
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
      case 'setTitle':
        setTitle(doc, op.title);
        break;
    }
  } catch (e) {
    // Operations refuse what would be invalid (e.g. removing a last premise); that is fine.
    if (!(e instanceof ModelError)) throw e;
  }
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

/**
 * Everything a reader can see on `doc` refers only to live records, and every query, count
 * and the export agree on which records those are; with `roundTrip`, the export imports back
 * to the same JSON. Returns the export, as JSON text.
 *
 * Out-of-order delivery makes states no ordered channel shows: the delete half of a
 * transaction applies at once while its inserts wait for their dependencies, so a field being
 * overwritten (a source's title) is briefly missing, and a relaying replica passes that half
 * on as an update of its own. That JSON is rightly refused, so those runs skip the round trip
 * until everything has arrived.
 */
function check(doc: Y.Doc, roundTrip: boolean): string {
  // Problems are collected and asserted once, which keeps a check cheap and its report whole.
  const problems: string[] = [];
  const expectThat = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  const same = (what: string, a: unknown, b: unknown): void =>
    expectThat(JSON.stringify(a) === JSON.stringify(b), `${what}: ${JSON.stringify([a, b])}`);

  const claims = new Set(listClaims(doc).map((c) => c.id));
  const relations = listRelations(doc);
  const relationById = new Map(relations.map((r) => [r.id, r]));
  const sources = new Set(listSources(doc).map((s) => s.id));
  const passageList = listPassages(doc);
  const passages = new Set(passageList.map((p) => p.id));
  const evidence = listEvidence(doc);

  for (const r of relations) {
    expectThat(r.premises.length > 0, `relation ${r.id} has no premise`);
    for (const p of r.premises) expectThat(claims.has(p), `relation ${r.id}: premise ${p}`);
    if ('claim' in r.target) {
      expectThat(claims.has(r.target.claim), `relation ${r.id}: target ${r.target.claim}`);
    } else {
      const t = r.target.relation;
      expectThat(relationById.has(t), `undercut ${r.id}: target ${t}`);
    }
  }

  // Passages: only in live sources, and the single-id reads agree with the list.
  for (const p of passageList) expectThat(sources.has(p.source), `passage ${p.id} dangles`);
  same(
    'resolvePassages',
    resolvePassages(doc).map((r) => r.passage.id),
    [...passages],
  );
  collections(doc).passages.forEach((_, id) => {
    const live = passages.has(id);
    expectThat((getPassage(doc, id) !== undefined) === live, `getPassage ${id}`);
    expectThat((resolvePassage(doc, id) !== undefined) === live, `resolvePassage ${id}`);
  });

  // Citations: both ends live; per-claim and per-passage reads are slices of the whole.
  for (const e of evidence) {
    expectThat(claims.has(e.claim), `citation ${e.claim}:${e.passage}: claim dangles`);
    expectThat(passages.has(e.passage), `citation ${e.claim}:${e.passage}: passage dangles`);
  }
  for (const id of claims) {
    const mine = evidence.filter((e) => e.claim === id);
    same(`evidence of claim ${id}`, listEvidence(doc, { claim: id }), mine);
  }
  for (const id of passages) {
    const mine = evidence.filter((e) => e.passage === id);
    same(`evidence of passage ${id}`, listEvidence(doc, { passage: id }), mine);
  }

  for (const id of rootClaims(doc)) expectThat(claims.has(id), `root ${id} dangles`);
  const supported = new Set([
    ...relations.flatMap((r) =>
      r.kind === 'support' && 'claim' in r.target ? [r.target.claim] : [],
    ),
    ...evidence.filter((e) => e.stance === 'support').map((e) => e.claim),
  ]);
  same(
    'unsupportedClaims',
    sorted(unsupportedClaims(doc)),
    sorted([...claims].filter((c) => !supported.has(c))),
  );

  // The pro/con trees, undercuts included, show only live relations aimed where they say.
  const seen = new Set<string>();
  const walkReason = (reason: ProConReason, target: Target): void => {
    const r = relationById.get(reason.relation);
    if (!r) return expectThat(false, `tree shows dead relation ${reason.relation}`);
    same(
      `tree relation ${r.id}`,
      [reason.kind, target, reason.premises.map((p) => p.claim)],
      [r.kind, r.target, r.premises],
    );
    reason.premises.forEach(walkNode);
    for (const u of reason.undercuts) walkReason(u, { relation: reason.relation });
  };
  const walkNode = (node: ProConNode): void => {
    expectThat(claims.has(node.claim), `tree shows dead claim ${node.claim}`);
    seen.add(node.claim);
    for (const reason of node.reasons) walkReason(reason, { claim: node.claim });
  };
  for (const id of claims) {
    const tree = proConTree(doc, id);
    if (!tree) expectThat(false, `no tree for claim ${id}`);
    else if (!seen.has(id)) walkNode(tree);
  }

  same('mapStats', mapStats(doc), {
    claims: claims.size,
    relations: relations.length,
    sources: sources.size,
    passages: passages.size,
    evidence: evidence.length,
  });

  // The export holds exactly the live records, and imports back to the same JSON.
  const json = exportMap(doc);
  same('exported claims', sorted(json.claims.map((c) => c.id)), sorted(claims));
  same(
    'exported relations',
    json.relations.map((r) => r.id),
    [...relationById.keys()],
  );
  same('exported sources', sorted(json.sources.map((s) => s.id)), sorted(sources));
  same(
    'exported passages',
    json.passages.map((p) => p.id),
    [...passages],
  );
  same('exported evidence', json.evidence.length, evidence.length);
  expect(problems).toEqual([]);
  const text = JSON.stringify(json);
  if (!roundTrip) return text;
  const { doc: copy } = importMap(JSON.parse(text));
  expect(JSON.stringify(exportMap(copy))).toBe(text);
  return text;
}

/** Marks an update as received from replica `from`, so it is relayed to the others only. */
class Received {
  constructor(readonly from: number) {}
}

const CHANNELS = Array.from({ length: REPLICAS }, (_, from) =>
  Array.from({ length: REPLICAS }, (_, to) => ({ from, to })).filter((c) => c.from !== c.to),
).flat();

const stepArb = fc.record({
  replica: fc.nat(REPLICAS - 1),
  op: opArb,
  /** Now and then the network changes: these replicas go (or stay) offline. */
  offline: fc.option(fc.subarray([...Array(REPLICAS).keys()], { maxLength: REPLICAS - 1 }), {
    freq: 4,
  }),
  /** Channels delivered after the op (those between online replicas only)... */
  deliver: fc.subarray(CHANNELS.map((_, i) => i)),
  /** ...entirely or only some of their updates. */
  partly: fc.boolean(),
});

type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

function run(steps: Step[], random: Iterator<number>, ordered: boolean): void {
  // Fixed client ids: Yjs orders concurrent edits by them, so a seed replays exactly.
  const origin = new Y.Doc();
  origin.clientID = REPLICAS;
  createMap(origin, { title: 'Concurrent' });
  // A small map to start from: two sources, a quote cited, a reason and an undercut.
  const [s1] = BODIES.slice(0, 2).map((body) =>
    addSource(origin, { title: 'S', authors: [], issued: '2023', kind: 'op-ed', body }),
  );
  const [root, why, but] = ['root', 'why', 'but'].map((text) => addClaim(origin, { text }));
  const reason = connect(origin, { kind: 'support', premises: [why!], target: { claim: root! } });
  connect(origin, { kind: 'rebut', premises: [but!], target: { relation: reason } });
  const quote = addPassage(origin, { source: s1!, exact: 'defensive alliance' });
  cite(origin, { claim: why!, passage: quote, stance: 'support' });
  const seed = Y.encodeStateAsUpdate(origin);
  const docs = Array.from({ length: REPLICAS }, (_, i) => {
    const d = new Y.Doc();
    d.clientID = i;
    Y.applyUpdate(d, seed);
    return d;
  });
  // pending[from][to]: updates sent on that channel and not yet delivered.
  const pending: Uint8Array[][][] = docs.map(() => docs.map(() => []));
  docs.forEach((d, self) =>
    d.on('update', (u: Uint8Array, o: unknown) => {
      const from = o instanceof Received ? o.from : -1;
      docs.forEach((_, to) => to !== self && to !== from && pending[self]![to]!.push(u));
    }),
  );
  const next = (bound: number): number => (random.next().value as number) % bound;
  const deliver = (from: number, to: number, partly = false): void => {
    const box = pending[from]![to]!;
    let count = partly ? next(box.length + 1) : box.length;
    while (count-- > 0) {
      const [u] = box.splice(ordered ? 0 : next(box.length), 1);
      Y.applyUpdate(docs[to]!, u!, new Received(from));
    }
  };

  let offline = new Set<number>();
  const shown: (string | undefined)[] = docs.map(() => undefined);
  for (const step of steps) {
    if (step.offline) offline = new Set(step.offline);
    apply(docs[step.replica]!, step.op);
    const changed = new Set([step.replica]);
    for (const c of step.deliver) {
      const { from, to } = CHANNELS[c]!;
      if (offline.has(from) || offline.has(to) || !pending[from]![to]!.length) continue;
      deliver(from, to, step.partly);
      changed.add(to);
    }
    for (const i of changed) shown[i] = check(docs[i]!, ordered);
    // Replicas that hold the same updates show the same map, even mid-partition.
    for (const i of changed) {
      docs.forEach((other, j) => {
        if (j === i || shown[j] === undefined) return;
        if (Y.equalSnapshots(Y.snapshot(docs[i]!), Y.snapshot(other))) {
          expect(shown[j]).toBe(shown[i]);
        }
      });
    }
  }

  // Everyone comes back online and every channel drains (relaying may refill some).
  while (pending.some((row) => row.some((box) => box.length))) {
    for (const { from, to } of CHANNELS) deliver(from, to);
  }
  const exports = docs.map((d) => check(d, true));
  for (const e of exports) expect(e).toBe(exports[0]);
  const state = docs.map((d) => Y.encodeStateVector(d));
  for (const s of state) expect(s).toEqual(state[0]);
}

describe('concurrent editing', () => {
  it('converges and never shows a dangling relation, passage or citation', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 5, maxLength: 40 }),
        fc.infiniteStream(fc.nat()),
        // One run in four delivers out of order.
        fc.nat(3).map((n) => n > 0),
        (steps, random, ordered) => run(steps, random[Symbol.iterator](), ordered),
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // Seconds on a loaded machine; more when a failure is being shrunk.
  }, 120_000);
});
