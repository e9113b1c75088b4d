import type * as Y from 'yjs';
import type { ClaimId, RelationId } from './ids.ts';
import { listEvidence } from './records/Evidence.ts';
import { livePassages } from './records/Passage.ts';
import { liveRelations, type RelationKind, type RelationView } from './records/Relation.ts';
import { listClaims } from './records/Claim.ts';
import { byCreation } from './records/fields.ts';
import { collections } from './schema.ts';

/** A claim with the reasons for and against it, each reason's premises expanded in turn. */
export interface ProConNode {
  claim: ClaimId;
  reasons: ProConReason[];
  /** True when this claim already appears higher up this branch (the map has a cycle). */
  cycle?: true;
}
export interface ProConReason {
  relation: RelationId;
  kind: RelationKind;
  premises: ProConNode[];
  /** Undercuts: rebuttals aimed at this reason's inference rather than its conclusion. */
  undercuts: ProConReason[];
}

/** Reasons by what they bear on (a claim, or a reason they undercut), in creation order. */
function relationsByTarget(relations: Iterable<RelationView>) {
  const toClaim = new Map<ClaimId, RelationView[]>();
  const toRelation = new Map<RelationId, RelationView[]>();
  for (const r of [...relations].sort(byCreation)) {
    const [index, key] =
      'claim' in r.target ? [toClaim, r.target.claim] : [toRelation, r.target.relation];
    const list = index.get(key) ?? [];
    list.push(r);
    index.set(key, list);
  }
  return { toClaim, toRelation };
}

/** Expands pro/con trees over one index of the relations, shared by every root. */
function treeBuilder(relations: Iterable<RelationView>): (claim: ClaimId) => ProConNode {
  const { toClaim, toRelation } = relationsByTarget(relations);
  const reason = (r: RelationView, path: Set<ClaimId>): ProConReason => ({
    relation: r.id,
    kind: r.kind,
    premises: r.premises.map((p) => node(p, path)),
    undercuts: (toRelation.get(r.id) ?? []).map((u) => reason(u, path)),
  });
  const node = (id: ClaimId, path: Set<ClaimId>): ProConNode => {
    if (path.has(id)) return { claim: id, reasons: [], cycle: true };
    const next = new Set(path).add(id);
    return { claim: id, reasons: (toClaim.get(id) ?? []).map((r) => reason(r, next)) };
  };
  return (claim) => node(claim, new Set());
}

/**
 * The pro/con tree under a claim, as Kialo-style outlines show it: supporting and rebutting
 * reasons in creation order, each premise expanded recursively. A claim that recurs on its
 * own branch is marked `cycle` and not expanded again.
 */
export function proConTree(doc: Y.Doc, claim: ClaimId): ProConNode | undefined {
  if (!collections(doc).claims.has(claim)) return undefined;
  return treeBuilder(liveRelations(doc).values())(claim);
}

/**
 * The pro/con tree of every root, in the order given: what an outline of the whole map
 * shows. Built from the live relations a read model already holds (no document reads) and
 * indexed once for all roots, so a view can rebuild it once per change of the map's shape.
 * The trees are the ones `proConTree` gives for each root.
 */
export function proConForest(input: {
  relations: Iterable<RelationView>;
  roots: Iterable<ClaimId>;
  /**
   * Every claim, in order. Claims on a cycle that no root leads to (A supports B, B
   * supports A, nothing else) are in no root's tree; given this, each one no tree reaches
   * starts a tree of its own, after the roots', so every claim is somewhere in the forest.
   */
  claims?: Iterable<ClaimId>;
}): ProConNode[] {
  const tree = treeBuilder(input.relations);
  const trees = [...input.roots].map(tree);
  if (!input.claims) return trees;
  const reached = new Set<ClaimId>();
  const reach = (node: ProConNode): void => {
    reached.add(node.claim);
    node.reasons.forEach(reachReason);
  };
  const reachReason = (reason: ProConReason): void => {
    reason.premises.forEach(reach);
    reason.undercuts.forEach(reachReason);
  };
  trees.forEach(reach);
  for (const claim of input.claims) {
    if (reached.has(claim)) continue;
    const extra = tree(claim);
    reach(extra);
    trees.push(extra);
  }
  return trees;
}

/**
 * Root claims: the conclusions of the map, claims that are not a premise of any reason.
 * A claim that is on its own (no relations at all) is a root too.
 */
export function rootClaims(doc: Y.Doc): ClaimId[] {
  const premises = new Set<ClaimId>();
  for (const r of liveRelations(doc).values()) for (const p of r.premises) premises.add(p);
  return listClaims(doc)
    .map((c) => c.id)
    .filter((id) => !premises.has(id));
}

/**
 * Claims that nothing supports yet: no supporting reason and no passage cited in support.
 * These are what an author still has to back up.
 */
export function unsupportedClaims(doc: Y.Doc): ClaimId[] {
  const supported = new Set<ClaimId>();
  for (const r of liveRelations(doc).values()) {
    if (r.kind === 'support' && 'claim' in r.target) supported.add(r.target.claim);
  }
  for (const e of listEvidence(doc)) if (e.stance === 'support') supported.add(e.claim);
  return listClaims(doc)
    .map((c) => c.id)
    .filter((id) => !supported.has(id));
}

/**
 * Counts of live records, as the API's map metadata reports them: the same records the
 * list queries and the export show.
 */
export function mapStats(doc: Y.Doc): {
  claims: number;
  relations: number;
  sources: number;
  passages: number;
  evidence: number;
} {
  const { claims, sources } = collections(doc);
  return {
    claims: claims.size,
    relations: liveRelations(doc).size,
    sources: sources.size,
    passages: livePassages(doc).size,
    evidence: listEvidence(doc).length,
  };
}
