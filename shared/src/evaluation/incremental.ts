import type { ClaimId, RelationId } from '../ids.ts';
import { EvalGraphState, type EvalGraphDelta } from './delta.ts';
import { evaluate, type ClaimLabel, type EvalResult, type RelationStatus } from './evaluate.ts';
import type { Mode } from './framework.ts';
import type { EvalGraph, EvalRelation } from './graph.ts';
import { IN, OUT, UNDEC, type ArgLabel } from './grounded.ts';

/** Key of claim c's burden argument (burden mode); no claim or relation id holds a NUL. */
const BURDEN = '\u0000burden:';

const CLAIM: Record<ArgLabel, ClaimLabel> = {
  [UNDEC]: 'undecided',
  [IN]: 'accepted',
  [OUT]: 'rejected',
};
const RELATION: Record<ArgLabel, RelationStatus> = {
  [UNDEC]: 'undecided',
  [IN]: 'holds',
  [OUT]: 'fails',
};

/**
 * The grounded labelling of a graph kept current by deltas (`EvalGraphDelta`), recomputing
 * after each one only the arguments whose label can have changed: those *downstream* of the
 * change in the attack graph. The framework is the one `buildFramework` makes (EVALUATION.md,
 * "The translation"), held as indexes by id so that a delta updates it in place.
 *
 * Why this is exact: grounded semantics is directional — an argument's label depends only on
 * the arguments that reach it through attacks. Arguments that no changed argument reaches
 * keep their labels; the downstream set D is relabelled by the same counting algorithm as
 * `groundedLabelling`, with the labels of attackers outside D held fixed (an attacker outside
 * D that is IN makes its target OUT, one that is undecided keeps it from being IN). Cycles
 * inside D are handled as in a full computation, which is why a purely local propagation
 * (relabel a node from its attackers, stop when nothing changes) would not do: it can settle
 * on a complete labelling that is not the least one.
 *
 * A graph that breaks the model's rules (a support aimed at a reason, a premise or target
 * that is not in the graph) is evaluated from scratch with `evaluate` until it obeys them.
 */
export class IncrementalGrounded {
  private readonly state = new EvalGraphState();
  private readonly claims = new Set<ClaimId>();
  private readonly relations = new Map<RelationId, EvalRelation>();
  private readonly rebuttalsOf = new Map<ClaimId, Set<RelationId>>();
  private readonly supportsOf = new Map<ClaimId, Set<RelationId>>();
  private readonly undercutsOf = new Map<RelationId, Set<RelationId>>();
  /** Claim → the reasons that have it as a premise. */
  private readonly usedBy = new Map<ClaimId, Set<RelationId>>();
  /** Claims cited in support by a passage that is not orphaned (burden mode). */
  private backed = new Set<ClaimId>();
  private readonly label = new Map<string, ArgLabel>();
  private readonly labels = new Map<ClaimId, ClaimLabel>();
  private readonly statuses = new Map<RelationId, RelationStatus>();
  /**
   * The labels as `EvalResult` records, updated in place as arguments are relabelled (building
   * them anew costs more than the relabelling); rebuilt from the maps when something was
   * removed, since a record cannot lose a key cheaply.
   */
  private records: Pick<EvalResult, 'labels' | 'relations'> = { labels: {}, relations: {} };
  private removedSince = false;
  /** Relations this class cannot place in the framework; while any, `evaluate` decides. */
  private readonly foreign = new Set<RelationId>();
  private stale = false;
  /** How many arguments the last `apply` relabelled (for the bench and tests). */
  recomputed = 0;
  /** Labels changed since `takeChanges` (null: gone); `whole` when a reset or fallback came. */
  private changes = newChanges();

  constructor(readonly mode: Mode) {}

  /** Applies a delta and brings the labels up to date. */
  apply(delta: EvalGraphDelta): void {
    this.state.apply(delta);
    if (delta.reset) {
      this.clear();
      this.stale = true;
    }
    const touchedRelations = new Set<RelationId>([
      ...delta.relationsRemoved,
      ...delta.relationsSet.map((r) => r.relation.id),
    ]);
    const touchedClaims = new Set<ClaimId>([
      ...delta.claimsRemoved,
      ...delta.claimsAdded.map((c) => c.id),
    ]);
    for (const id of touchedRelations) {
      const old = this.relations.get(id);
      if (old) for (const c of claimsOf(old)) touchedClaims.add(c);
    }
    for (const { relation } of delta.relationsSet) {
      for (const c of claimsOf(relation)) touchedClaims.add(c);
    }
    let backed = this.backed;
    if (delta.evidence) {
      backed = new Set();
      for (const e of delta.evidence)
        if (e.stance === 'support' && !e.orphaned) backed.add(e.claim);
      for (const c of backed) if (!this.backed.has(c)) touchedClaims.add(c);
      for (const c of this.backed) if (!backed.has(c)) touchedClaims.add(c);
    }

    // Whatever the change stops attacking must be looked at again: its targets before it.
    const seeds = new Set<string>();
    for (const id of touchedRelations) {
      if (this.relations.has(id)) for (const t of this.targetsOf(id)) seeds.add(t);
    }
    for (const c of touchedClaims) {
      if (this.hasBurden(c)) for (const t of this.targetsOf(BURDEN + c)) seeds.add(t);
    }

    for (const id of touchedRelations) this.removeRelation(id);
    for (const c of delta.claimsRemoved) this.claims.delete(c);
    for (const c of delta.claimsAdded) this.claims.add(c.id);
    for (const { relation } of delta.relationsSet) this.addRelation(relation);
    this.backed = backed;
    this.checkForeign(touchedRelations, delta.claimsRemoved);

    for (const id of touchedRelations) {
      if (!this.relations.has(id)) {
        this.label.delete(id);
        if (this.statuses.delete(id)) {
          this.removedSince = true;
          this.changes.relations.set(id, null);
        }
        continue;
      }
      seeds.add(id);
      for (const t of this.targetsOf(id)) seeds.add(t);
    }
    for (const c of touchedClaims) {
      if (!this.claims.has(c)) {
        this.label.delete(c);
        if (this.labels.delete(c)) {
          this.removedSince = true;
          this.changes.labels.set(c, null);
        }
      } else seeds.add(c);
      if (this.hasBurden(c)) {
        seeds.add(BURDEN + c);
        for (const t of this.targetsOf(BURDEN + c)) seeds.add(t);
      } else this.label.delete(BURDEN + c);
    }

    if (this.foreign.size > 0) {
      this.stale = true;
      this.changes.whole = true;
      return;
    }
    if (this.stale) {
      this.stale = false;
      this.changes.whole = true;
      const all = this.everyArgument();
      this.relabel(all);
      this.recomputed = all.size;
      return;
    }
    this.relabelFrom(seeds);
  }

  /**
   * The grounded result for the graph as the deltas left it. Its `labels` and `relations`
   * are this object's own records, valid until the next `apply` (post or copy them to keep).
   */
  result(): EvalResult {
    const base = { semantics: 'grounded' as const, mode: this.mode };
    if (this.foreign.size > 0) return evaluate(this.state.graph(), base);
    if (this.removedSince) {
      this.removedSince = false;
      this.records = {
        labels: Object.fromEntries(this.labels),
        relations: Object.fromEntries(this.statuses),
      };
    }
    return { ...base, ...this.records };
  }

  /**
   * The labels that changed since the last call, for a receiver that holds the result before
   * them (the page, across a worker's `postMessage`); undefined when it must take the whole
   * `result()` instead (after a reset, or while the graph is evaluated from scratch).
   */
  takeChanges(): LabelChanges | undefined {
    const { whole, labels, relations } = this.changes;
    this.changes = newChanges();
    if (whole || this.foreign.size > 0) return undefined;
    return { labels: Object.fromEntries(labels), relations: Object.fromEntries(relations) };
  }

  /** The graph the deltas describe (laid out on demand), for checks and other semantics. */
  graph(): EvalGraph {
    return this.state.graph();
  }

  private clear(): void {
    this.claims.clear();
    this.relations.clear();
    this.rebuttalsOf.clear();
    this.supportsOf.clear();
    this.undercutsOf.clear();
    this.usedBy.clear();
    this.backed = new Set();
    this.label.clear();
    this.foreign.clear();
    this.labels.clear();
    this.statuses.clear();
    this.removedSince = true;
    this.changes.whole = true;
  }

  private removeRelation(id: RelationId): void {
    const r = this.relations.get(id);
    if (!r) return;
    this.relations.delete(id);
    this.foreign.delete(id);
    if ('claim' in r.target) {
      (r.kind === 'rebut' ? this.rebuttalsOf : this.supportsOf).get(r.target.claim)?.delete(id);
    } else this.undercutsOf.get(r.target.relation)?.delete(id);
    for (const p of r.premises) this.usedBy.get(p)?.delete(id);
  }

  private addRelation(r: EvalRelation): void {
    this.relations.set(r.id, r);
    if ('claim' in r.target) {
      add(r.kind === 'rebut' ? this.rebuttalsOf : this.supportsOf, r.target.claim, r.id);
    } else add(this.undercutsOf, r.target.relation, r.id);
    for (const p of r.premises) add(this.usedBy, p, r.id);
  }

  /** Marks relations the indexes cannot express; `evaluate` answers while there are any. */
  private checkForeign(touched: Set<RelationId>, removedClaims: readonly ClaimId[]): void {
    const suspects = new Set(touched);
    for (const c of removedClaims) {
      for (const index of [this.usedBy, this.rebuttalsOf, this.supportsOf]) {
        for (const r of index.get(c) ?? []) suspects.add(r);
      }
    }
    for (const id of suspects) {
      const r = this.relations.get(id);
      if (!r) continue;
      const ok =
        r.premises.length > 0 &&
        new Set(r.premises).size === r.premises.length &&
        r.premises.every((p) => this.claims.has(p)) &&
        ('claim' in r.target
          ? this.claims.has(r.target.claim)
          : r.kind === 'rebut' && this.relations.has(r.target.relation));
      if (ok) this.foreign.delete(id);
      else this.foreign.add(id);
    }
  }

  private isRoot(c: ClaimId): boolean {
    return !this.usedBy.get(c)?.size;
  }

  private hasBurden(c: ClaimId): boolean {
    return this.mode === 'burden' && this.claims.has(c) && !this.isRoot(c) && !this.backed.has(c);
  }

  private claimAttackers(c: ClaimId): Iterable<string> {
    const rebuttals = this.rebuttalsOf.get(c);
    if (!this.hasBurden(c)) return rebuttals ?? [];
    return [...(rebuttals ?? []), BURDEN + c];
  }

  /** An argument's attackers, each once. */
  private attackersOf(a: string): Iterable<string> {
    if (a.startsWith(BURDEN)) {
      const c = a.slice(BURDEN.length);
      return [...(this.supportsOf.get(c) ?? []), a];
    }
    const r = this.relations.get(a);
    if (!r) return this.claimAttackers(a);
    const undercuts = this.undercutsOf.get(a);
    const [only] = r.premises;
    if (r.premises.length === 1 && only !== undefined && !undercuts?.size) {
      return this.claimAttackers(only);
    }
    const out = new Set<string>();
    for (const p of r.premises) for (const x of this.claimAttackers(p)) out.add(x);
    for (const u of undercuts ?? []) out.add(u);
    return out;
  }

  /** What an argument attacks. */
  private targetsOf(a: string): string[] {
    if (a.startsWith(BURDEN)) {
      const c = a.slice(BURDEN.length);
      return [c, ...(this.usedBy.get(c) ?? []), a];
    }
    const r = this.relations.get(a);
    if (!r) return [];
    if ('relation' in r.target) return [r.target.relation];
    const t = r.target.claim;
    if (r.kind === 'rebut') return [t, ...(this.usedBy.get(t) ?? [])];
    return this.hasBurden(t) ? [BURDEN + t] : [];
  }

  private exists(a: string): boolean {
    if (a.startsWith(BURDEN)) return this.hasBurden(a.slice(BURDEN.length));
    return this.claims.has(a) || this.relations.has(a);
  }

  /**
   * Relabels what `seeds` reach, one strongly connected component at a time in the order
   * attacks run (Tarjan), and only the components that hold a seed or are attacked by an
   * argument whose label just changed: an edit usually changes few labels, and everything
   * downstream of an unchanged label keeps its own.
   */
  private relabelFrom(seeds: Set<string>): void {
    const components = this.componentsFrom(seeds);
    const dirty = new Set<string>();
    let relabelled = 0;
    // Tarjan lists a component after every component it reaches: walk the list backwards.
    for (let k = components.length - 1; k >= 0; k--) {
      const component = components[k] as string[];
      if (!component.some((a) => seeds.has(a) || dirty.has(a))) continue;
      relabelled += component.length;
      for (const a of this.relabel(new Set(component))) {
        for (const t of this.targetsOf(a)) dirty.add(t);
      }
    }
    this.recomputed = relabelled;
  }

  /**
   * The strongly connected components of the arguments reachable from `seeds` (Tarjan,
   * iterative: a long chain of rebuttals must not overflow the stack), each listed after
   * every component it reaches.
   */
  private componentsFrom(seeds: Set<string>): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const components: string[][] = [];
    for (const seed of seeds) {
      if (index.has(seed) || !this.exists(seed)) continue;
      const frames: { a: string; targets: string[]; next: number }[] = [];
      const open = (a: string): void => {
        index.set(a, index.size);
        low.set(a, index.size - 1);
        stack.push(a);
        onStack.add(a);
        frames.push({ a, targets: this.targetsOf(a), next: 0 });
      };
      open(seed);
      while (frames.length) {
        const frame = frames[frames.length - 1] as (typeof frames)[number];
        if (frame.next < frame.targets.length) {
          const t = frame.targets[frame.next++] as string;
          if (!index.has(t)) open(t);
          else if (onStack.has(t)) {
            low.set(frame.a, Math.min(low.get(frame.a) ?? 0, index.get(t) ?? 0));
          }
          continue;
        }
        frames.pop();
        const a = frame.a;
        const parent = frames[frames.length - 1];
        if (parent) low.set(parent.a, Math.min(low.get(parent.a) ?? 0, low.get(a) ?? 0));
        if (low.get(a) === index.get(a)) {
          const component: string[] = [];
          for (;;) {
            const x = stack.pop() as string;
            onStack.delete(x);
            component.push(x);
            if (x === a) break;
          }
          components.push(component);
        }
      }
    }
    return components;
  }

  private everyArgument(): Set<string> {
    const all = new Set<string>([...this.claims, ...this.relations.keys()]);
    for (const c of this.claims) if (this.hasBurden(c)) all.add(BURDEN + c);
    return all;
  }

  /**
   * `groundedLabelling`'s counting algorithm over `d`: each argument waits for its attackers
   * not yet OUT; attackers outside `d` keep their labels (so `d` must hold every argument
   * whose label may change with those of `d`: a set closed under attacks, or a component
   * whose attackers outside it are final). Returns the arguments whose label changed.
   */
  private relabel(d: Set<string>): string[] {
    const label = this.label;
    const before = new Map<string, ArgLabel | undefined>();
    for (const a of d) before.set(a, label.get(a));
    const pending = new Map<string, number>();
    const queue: string[] = [];
    const attacked: string[] = [];
    for (const a of d) label.set(a, UNDEC);
    for (const a of d) {
      let waiting = 0;
      let beaten = false;
      for (const x of this.attackersOf(a)) {
        if (d.has(x)) waiting++;
        else {
          const l = label.get(x) ?? UNDEC;
          if (l === IN) beaten = true;
          else if (l === UNDEC) waiting++;
        }
      }
      pending.set(a, waiting);
      if (beaten) attacked.push(a);
      else if (waiting === 0) queue.push(a);
    }
    const out = (t: string): void => {
      label.set(t, OUT);
      for (const u of this.targetsOf(t)) {
        const left = pending.get(u);
        if (left === undefined) continue;
        pending.set(u, left - 1);
        if (left === 1 && label.get(u) === UNDEC) queue.push(u);
      }
    };
    for (const a of attacked) if (label.get(a) === UNDEC) out(a);
    for (let head = 0; head < queue.length; head++) {
      const a = queue[head] as string;
      if (label.get(a) !== UNDEC) continue;
      label.set(a, IN);
      for (const t of this.targetsOf(a)) if (d.has(t) && label.get(t) === UNDEC) out(t);
    }
    const changed: string[] = [];
    for (const a of d) {
      const l = label.get(a) ?? UNDEC;
      if (before.get(a) === l) continue;
      changed.push(a);
      if (this.relations.has(a)) {
        this.changes.relations.set(a, RELATION[l]);
        this.statuses.set(a, RELATION[l]);
        this.records.relations[a] = RELATION[l];
      } else if (this.claims.has(a)) {
        this.changes.labels.set(a, CLAIM[l]);
        this.labels.set(a, CLAIM[l]);
        this.records.labels[a] = CLAIM[l];
      }
    }
    return changed;
  }
}

/** Labels that changed: each claim's or reason's new label, or null when it is gone. */
export interface LabelChanges {
  labels: Record<ClaimId, ClaimLabel | null>;
  relations: Record<RelationId, RelationStatus | null>;
}

/** `before` (a receiver's copy of the labels) with `changes` applied; a new object. */
export function applyLabelChanges(
  before: Pick<EvalResult, 'labels' | 'relations'>,
  changes: LabelChanges,
): Pick<EvalResult, 'labels' | 'relations'> {
  return {
    labels: patch(before.labels, changes.labels),
    relations: patch(before.relations, changes.relations),
  };
}

function patch<V>(record: Record<string, V>, changed: Record<string, V | null>): Record<string, V> {
  const gone = Object.values(changed).includes(null);
  const out: Record<string, V> = gone
    ? Object.fromEntries(Object.entries(record).filter(([k]) => changed[k] !== null))
    : { ...record };
  for (const [k, v] of Object.entries(changed)) if (v !== null) out[k] = v;
  return out;
}

function newChanges() {
  return {
    whole: false,
    labels: new Map<ClaimId, ClaimLabel | null>(),
    relations: new Map<RelationId, RelationStatus | null>(),
  };
}

function claimsOf(r: EvalRelation): ClaimId[] {
  return 'claim' in r.target ? [...r.premises, r.target.claim] : r.premises;
}

function add<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}
