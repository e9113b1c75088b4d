import type { ClaimId, RelationId } from '../ids.ts';
import type { EvalGraph, EvalRelation } from './graph.ts';

/**
 * How support counts. `attack`: only rebuttals and undercuts decide a claim. `burden`
 * ("burden of proof", after Carneades' proof standards): a claim that is a premise of some
 * reason must also be backed, by a holding support or a cited passage, before it is accepted.
 * See EVALUATION.md.
 */
export type Mode = 'attack' | 'burden';

/**
 * The map translated into a Dung argumentation framework over integer arguments (see
 * EVALUATION.md, "The translation"): claims are arguments `0 … claims-1`, relations follow,
 * and in burden mode each claim that bears a burden gets one self-attacking argument after
 * them. Attacks are deduplicated.
 */
export interface Framework {
  claimIds: ClaimId[];
  relations: EvalRelation[];
  /** Argument index of each claim and relation. */
  claimIndex: Map<ClaimId, number>;
  relationIndex: Map<RelationId, number>;
  size: number;
  attackers: number[][];
  targets: number[][];
  /** Per claim: the rebuttals aimed at it (relation argument indices). */
  rebuttalsOf: number[][];
  /** Per claim: the supports aimed at it. */
  supportsOf: number[][];
  /** Per relation (indexed from 0): its undercuts (relation argument indices). */
  undercutsOf: number[][];
  /** Per relation (indexed from 0): its premises (claim argument indices). */
  premisesOf: number[][];
  /** Per claim: its burden argument, or -1 when it bears none (always -1 in attack mode). */
  burdenOf: number[];
  /** Per claim: cited passages (not orphaned) that support it. */
  backedByEvidence: boolean[];
  isRoot: boolean[];
}

/**
 * Builds the framework. Relations that point at nothing in the graph are left out, as
 * `liveRelations` leaves them out of the document's view, so a hand-made graph cannot crash
 * evaluation.
 */
export function buildFramework(graph: EvalGraph, mode: Mode): Framework {
  const claimIds = [...new Set(graph.claims)];
  const claimIndex = new Map<ClaimId, number>();
  claimIds.forEach((c, i) => claimIndex.set(c, i));
  const relations = usableRelations(graph, claimIndex);
  const nC = claimIds.length;
  const relationIndex = new Map<RelationId, number>();
  relations.forEach((r, j) => relationIndex.set(r.id, nC + j));

  const rebuttalsOf: number[][] = claimIds.map(() => []);
  const supportsOf: number[][] = claimIds.map(() => []);
  const undercutsOf: number[][] = relations.map(() => []);
  const premisesOf: number[][] = relations.map((r) =>
    r.premises.map((p) => claimIndex.get(p) ?? -1),
  );
  relations.forEach((r, j) => {
    const a = nC + j;
    if ('claim' in r.target) {
      const t = claimIndex.get(r.target.claim) ?? -1;
      (r.kind === 'rebut' ? rebuttalsOf : supportsOf)[t]?.push(a);
    } else {
      const t = relationIndex.get(r.target.relation) ?? -1;
      undercutsOf[t - nC]?.push(a);
    }
  });

  const backedByEvidence = claimIds.map(() => false);
  for (const e of graph.evidence) {
    const c = claimIndex.get(e.claim);
    if (c !== undefined && e.stance === 'support' && !e.orphaned) backedByEvidence[c] = true;
  }
  const isRoot = claimIds.map(() => false);
  for (const r of graph.roots) {
    const c = claimIndex.get(r);
    if (c !== undefined) isRoot[c] = true;
  }

  let size = nC + relations.length;
  const burdenOf = claimIds.map(() => -1);
  if (mode === 'burden') {
    for (let c = 0; c < nC; c++) if (!isRoot[c] && !backedByEvidence[c]) burdenOf[c] = size++;
  }

  const attackers: number[][] = Array.from({ length: size }, () => []);
  // A claim is attacked by its rebuttals and (burden mode) by its unmet burden.
  const claimAttackers = (c: number): number[] => {
    const b = burdenOf[c] ?? -1;
    const rebuttals = rebuttalsOf[c] ?? [];
    return b < 0 ? rebuttals : [...rebuttals, b];
  };
  for (let c = 0; c < nC; c++) attackers[c] = claimAttackers(c);
  // A reason is attacked by whatever attacks one of its premises, and by its undercuts.
  const stamp = new Int32Array(size).fill(-1);
  relations.forEach((_, j) => {
    const a = nC + j;
    const list: number[] = [];
    const add = (x: number) => {
      if (stamp[x] === a) return;
      stamp[x] = a;
      list.push(x);
    };
    for (const p of premisesOf[j] ?? []) for (const x of claimAttackers(p)) add(x);
    for (const u of undercutsOf[j] ?? []) add(u);
    attackers[a] = list;
  });
  // A burden is met by any holding support; it attacks itself so that, unmet, it is undecided.
  for (let c = 0; c < nC; c++) {
    const b = burdenOf[c] ?? -1;
    if (b >= 0) attackers[b] = [...(supportsOf[c] ?? []), b];
  }

  const targets: number[][] = Array.from({ length: size }, () => []);
  attackers.forEach((list, a) => {
    for (const x of list) targets[x]?.push(a);
  });
  return {
    claimIds,
    relations,
    claimIndex,
    relationIndex,
    size,
    attackers,
    targets,
    rebuttalsOf,
    supportsOf,
    undercutsOf,
    premisesOf,
    burdenOf,
    backedByEvidence,
    isRoot,
  };
}

/** The graph's relations whose premises and target exist (an undercut's target usable too). */
function usableRelations(graph: EvalGraph, claims: Map<ClaimId, number>): EvalRelation[] {
  const byId = new Map<RelationId, EvalRelation>();
  for (const r of graph.relations) {
    const premises = [...new Set(r.premises.filter((p) => claims.has(p)))];
    if (premises.length) byId.set(r.id, { ...r, premises });
  }
  const state = new Map<RelationId, boolean | 'visiting'>();
  const usable = (id: RelationId): boolean => {
    const known = state.get(id);
    if (known !== undefined) return known === true;
    state.set(id, 'visiting');
    const r = byId.get(id);
    const ok =
      !!r &&
      ('claim' in r.target
        ? claims.has(r.target.claim)
        : r.kind === 'rebut' && usable(r.target.relation));
    state.set(id, ok);
    return ok;
  };
  return [...byId.values()].filter((r) => usable(r.id));
}
