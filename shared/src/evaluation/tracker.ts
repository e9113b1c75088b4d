import type * as Y from 'yjs';
import type { ClaimId, RelationId } from '../ids.ts';
import type { MapChange, RecordChanges } from '../observe.ts';
import { num } from '../records/fields.ts';
import { liveAmong, storedRelation, type RelationView } from '../records/Relation.ts';
import { collections } from '../schema.ts';
import { EvalGraphState, type EvalGraphDelta } from './delta.ts';
import { evalRelation, evaluationEvidence, type EvalEvidence, type EvalGraph } from './graph.ts';

const touched = (c: RecordChanges<string>): boolean =>
  c.added.size + c.removed.size + c.updated.size > 0;

const emptyDelta = (): EvalGraphDelta => ({
  claimsAdded: [],
  claimsRemoved: [],
  relationsSet: [],
  relationsRemoved: [],
});

/**
 * Keeps an `EvalGraph` of one document current from its change events (`observeChanges`),
 * reading only the records a change names, instead of the whole map after every edit, and
 * says what changed as an `EvalGraphDelta` (for a worker, or `IncrementalGrounded`).
 *
 * Liveness is derived (a relation dies with its target or its last premise, an undercut with
 * the reason it cuts), so after a change it re-reads the relations the change names and
 * those naming a claim that came or went, then applies `liveAmong`'s rule again to the
 * relations whose liveness that can change (no document reads) and reports the difference. Citations depend on passages anchored in
 * source text; they are few, so any change to them is answered by reading them all again.
 */
export class EvalGraphTracker {
  private readonly claims = new Map<ClaimId, number>();
  /** Every relation record read, live or not, as `liveRelations` starts from it. */
  private readonly candidates = new Map<RelationId, RelationView>();
  /** Every premise each record names, existing or not. */
  private readonly named = new Map<RelationId, ClaimId[]>();
  /** Claim or relation → candidate relations aimed at it: their liveness follows its. */
  private readonly aimedAt = new Map<string, Set<RelationId>>();
  /** Claim → relation records that name it as a premise: re-read when it comes or goes. */
  private readonly premiseOf = new Map<ClaimId, Set<RelationId>>();
  private live = new Map<RelationId, RelationView>();
  private evidence: EvalEvidence[] = [];
  private evidenceKey = '[]';
  private readonly state = new EvalGraphState();

  constructor(private readonly doc: Y.Doc) {}

  /** Reads the whole map; the delta (`reset`) gives a receiver everything. */
  reset(): EvalGraphDelta {
    const steps = this.resetSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * `reset` in steps, for a caller that reads a large map a slice at a time between other
   * work (a page reading 10,000 claims in one task held the main thread for 50–180 ms, right
   * when a person starts typing): it yields after every `batch` records read; its return
   * value is `reset`'s delta. The document may change between steps: the caller keeps the
   * changes that happen meanwhile and `apply`s them, in order, once the delta is returned.
   * That is enough, because `apply` reads again every record a change names, and the records
   * not yet read are read as they are when their turn comes.
   */
  *resetSteps(batch = 500): Generator<void, EvalGraphDelta, void> {
    this.claims.clear();
    this.candidates.clear();
    this.named.clear();
    this.premiseOf.clear();
    this.aimedAt.clear();
    const delta: EvalGraphDelta = { ...emptyDelta(), reset: true };
    const { claims, relations } = collections(this.doc);
    let read = 0;
    for (const id of claims.type.keys()) {
      const record = claims.get(id);
      if (record) {
        const createdAt = num(record, 'createdAt');
        this.claims.set(id, createdAt);
        delta.claimsAdded.push({ id, createdAt });
      }
      if (++read % batch === 0) yield;
    }
    for (const id of relations.type.keys()) {
      const stored = storedRelation(this.doc, id);
      if (stored) this.index(id, stored.view, stored.premises);
      if (++read % batch === 0) yield;
    }
    // A claim gone since its turn: the caller's kept changes say so (see above).
    yield;
    this.live = liveAmong(this.candidates, this.claimExists);
    for (const view of this.live.values()) delta.relationsSet.push(this.entry(view));
    yield;
    this.evidence = evaluationEvidence(this.doc);
    this.evidenceKey = JSON.stringify(this.evidence);
    delta.evidence = this.evidence;
    this.state.apply(delta);
    return delta;
  }

  /** Applies one transaction's change; returns what it changed in the graph. */
  apply(change: MapChange): EvalGraphDelta {
    const delta = emptyDelta();
    if (change.textOnly) return delta;
    const { claims, relations } = change;
    const records = collections(this.doc).claims;
    const cameOrWent: ClaimId[] = [];
    for (const set of [claims.added, claims.removed, claims.updated]) {
      for (const id of set) {
        const record = records.get(id);
        const known = this.claims.get(id);
        if (!record) {
          if (known === undefined) continue;
          this.claims.delete(id);
          delta.claimsRemoved.push(id);
          cameOrWent.push(id);
          continue;
        }
        const createdAt = num(record, 'createdAt');
        if (known === createdAt) continue;
        if (known === undefined) cameOrWent.push(id);
        this.claims.set(id, createdAt);
        delta.claimsAdded.push({ id, createdAt });
      }
    }

    const reread = new Set<RelationId>([...relations.added, ...relations.removed]);
    for (const id of relations.updated) reread.add(id);
    for (const claim of cameOrWent) for (const r of this.premiseOf.get(claim) ?? []) reread.add(r);
    for (const id of reread) {
      const stored = storedRelation(this.doc, id);
      this.unindex(id);
      if (stored) this.index(id, stored.view, stored.premises);
    }
    if (reread.size > 0 || cameOrWent.length > 0) this.relive(reread, cameOrWent, delta);

    const citationsMayDiffer =
      touched(change.evidence) ||
      touched(change.passages) ||
      touched(change.sources) ||
      change.sourceText.size > 0 ||
      (cameOrWent.length > 0 && collections(this.doc).evidence.size > 0);
    if (citationsMayDiffer) {
      const evidence = evaluationEvidence(this.doc);
      const key = JSON.stringify(evidence);
      if (key !== this.evidenceKey) {
        this.evidence = evidence;
        this.evidenceKey = key;
        delta.evidence = evidence;
      }
    }
    this.state.apply(delta);
    return delta;
  }

  /** The graph as `evaluationInput(doc)` reads it now (laid out once per change, on demand). */
  graph(): EvalGraph {
    return this.state.graph();
  }

  private readonly claimExists = (id: ClaimId): boolean => this.claims.has(id);

  /**
   * `liveAmong`'s rule applied again to the relations whose liveness can have changed: those
   * re-read, those aimed at a claim that came or went, and the undercuts of any of these
   * (transitively, so a chain of undercuts is decided together). The rest keep theirs.
   */
  private relive(reread: Set<RelationId>, cameOrWent: ClaimId[], delta: EvalGraphDelta): void {
    const affected = new Set(reread);
    for (const c of cameOrWent) for (const r of this.aimedAt.get(c) ?? []) affected.add(r);
    for (const r of affected) for (const u of this.aimedAt.get(r) ?? []) affected.add(u);
    const state = new Map<RelationId, 'visiting' | boolean>();
    const isLive = (id: RelationId): boolean => {
      if (!affected.has(id)) return this.live.has(id);
      const known = state.get(id);
      if (known !== undefined) return known === true;
      state.set(id, 'visiting');
      const view = this.candidates.get(id);
      const ok =
        !!view &&
        ('claim' in view.target
          ? this.claims.has(view.target.claim)
          : isLive(view.target.relation));
      state.set(id, ok);
      return ok;
    };
    for (const id of affected) {
      const view = this.candidates.get(id);
      if (view && isLive(id)) {
        if (this.live.get(id) !== view) {
          this.live.set(id, view);
          delta.relationsSet.push(this.entry(view));
        }
      } else if (this.live.delete(id)) delta.relationsRemoved.push(id);
    }
  }

  private entry(view: RelationView): EvalGraphDelta['relationsSet'][number] {
    return {
      relation: evalRelation(view, this.named.get(view.id) ?? [], this.claimExists),
      createdAt: view.createdAt,
    };
  }

  private index(id: RelationId, view: RelationView | undefined, premises: ClaimId[]): void {
    if (view) {
      this.candidates.set(id, view);
      const target = 'claim' in view.target ? view.target.claim : view.target.relation;
      let set = this.aimedAt.get(target);
      if (!set) this.aimedAt.set(target, (set = new Set()));
      set.add(id);
    }
    this.named.set(id, premises);
    for (const p of premises) {
      let set = this.premiseOf.get(p);
      if (!set) this.premiseOf.set(p, (set = new Set()));
      set.add(id);
    }
  }

  private unindex(id: RelationId): void {
    const view = this.candidates.get(id);
    if (view) {
      const target = 'claim' in view.target ? view.target.claim : view.target.relation;
      this.aimedAt.get(target)?.delete(id);
    }
    this.candidates.delete(id);
    for (const p of this.named.get(id) ?? []) this.premiseOf.get(p)?.delete(id);
    this.named.delete(id);
  }
}
