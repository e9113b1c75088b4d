import type { ClaimId, RelationView, Target } from '@warrant/shared';
import type { Selection } from './EditorUi.ts';
import type { MapStructure } from './MapStore.ts';

/**
 * Where keyboard focus should go once `deleted` is gone, best first: the claim it bears on
 * (for a reason: the claim it supports or rebuts), then a sibling (a co-premise, another
 * reason's premise for the same claim, the next or previous conclusion), then what it
 * supported, then any claim. The caller takes the first that still exists after the
 * deletion; none left means focus goes to "Add claim".
 */
export function focusAfterDelete(
  structure: Pick<MapStructure, 'claims' | 'relations' | 'roots'>,
  deleted: NonNullable<Selection>,
): ClaimId[] {
  const byId = new Map(structure.relations.map((r) => [r.id, r]));
  const claimOf = (target: Target): ClaimId | undefined => {
    const seen = new Set<string>();
    let t: Target | undefined = target;
    while (t && 'relation' in t) {
      if (seen.has(t.relation)) return undefined;
      seen.add(t.relation);
      t = byId.get(t.relation)?.target;
    }
    return t?.claim;
  };
  const out: ClaimId[] = [];
  const add = (id: ClaimId | undefined) => {
    if (id && id !== deleted.id && !out.includes(id)) out.push(id);
  };
  const reasonsFor = (claim: ClaimId | undefined): RelationView[] =>
    claim ? structure.relations.filter((r) => claimOf(r.target) === claim) : [];

  if (deleted.kind === 'reason') {
    const reason = byId.get(deleted.id);
    if (reason) {
      const parent = claimOf(reason.target);
      add(parent);
      for (const r of reasonsFor(parent)) if (r.id !== reason.id) r.premises.forEach(add);
      reason.premises.forEach(add);
    }
  } else {
    const mine = structure.relations.filter((r) => r.premises.includes(deleted.id));
    for (const r of mine) add(claimOf(r.target));
    for (const r of mine) r.premises.forEach(add);
    for (const r of mine) for (const s of reasonsFor(claimOf(r.target))) s.premises.forEach(add);
    if (mine.length === 0) {
      // A conclusion: the next one, else the one before.
      const roots = structure.claims.filter((c) => structure.roots.has(c));
      const at = roots.indexOf(deleted.id);
      roots.slice(at + 1).forEach(add);
      roots.slice(0, Math.max(at, 0)).reverse().forEach(add);
    }
    for (const r of reasonsFor(deleted.id)) r.premises.forEach(add);
  }
  structure.claims.forEach(add);
  return out;
}
