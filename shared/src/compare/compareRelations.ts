import type { RelationShape } from '../diff/diffMaps.ts';
import type { ClaimId, RelationId } from '../ids.ts';
import type { RelationKind, RelationView } from '../records/Relation.ts';

/** A reference reason and the student's reason that makes the same link. */
export interface RelationPair {
  reference: RelationId;
  student: RelationId;
  referenceKind: RelationKind;
  studentKind: RelationKind;
  /** Premises the two do not share: reference claims the student's reason lacks, and the
   *  student's premises that are not the reference's (by the claim matching). */
  premises: { missing: ClaimId[]; extra: ClaimId[] };
}

export interface RelationComparison {
  /** Same link, same kind. */
  agree: RelationPair[];
  /** Same link, the other kind: a support where the reference rebuts, or the reverse. */
  disagree: RelationPair[];
  /** Reference reasons the student's map has no counterpart of. */
  missing: RelationShape[];
  /** The student's reasons with no counterpart in the reference. */
  extra: RelationShape[];
}

/**
 * Pairs the two maps' reasons through the claim matching (`toStudent`: reference claim →
 * student claim). Two reasons make the same link when they aim at the same (matched) target
 * — a claim, or for an undercut a reason already paired — and share at least one (matched)
 * premise. Pairs are taken best first (most shared premises, then same kind, then fewest
 * premises apart), one to one; undercuts are paired after the reasons they aim at.
 */
export function compareRelations(
  student: readonly RelationView[],
  reference: readonly RelationView[],
  toStudent: ReadonlyMap<ClaimId, ClaimId>,
): RelationComparison {
  const refDepth = depths(reference);
  const byTarget = new Map<string, RelationView[]>();
  for (const s of student) {
    const key = targetKey(s.target);
    let list = byTarget.get(key);
    if (!list) byTarget.set(key, (list = []));
    list.push(s);
  }
  const pairedStudent = new Map<RelationId, RelationId>(); // reference → student
  const takenStudent = new Set<RelationId>();
  const out: RelationComparison = { agree: [], disagree: [], missing: [], extra: [] };
  const levels = new Map<number, RelationView[]>();
  for (const r of reference) {
    const d = refDepth.get(r.id) ?? 0;
    let list = levels.get(d);
    if (!list) levels.set(d, (list = []));
    list.push(r);
  }
  const order = [...levels.keys()].sort((a, b) => a - b);
  const unpaired = new Set(reference.map((r) => r.id));
  for (const depth of order) {
    const candidates: { r: RelationView; s: RelationView; shared: number; apart: number }[] = [];
    for (const r of levels.get(depth) ?? []) {
      const target =
        'claim' in r.target
          ? mapped(toStudent.get(r.target.claim), 'c')
          : mapped(pairedStudent.get(r.target.relation), 'r');
      if (!target) continue;
      const wanted = new Set(
        r.premises.map((p) => toStudent.get(p)).filter((p): p is ClaimId => p !== undefined),
      );
      for (const s of byTarget.get(target) ?? []) {
        const shared = s.premises.filter((p) => wanted.has(p)).length;
        if (shared === 0) continue;
        candidates.push({
          r,
          s,
          shared,
          apart: r.premises.length + s.premises.length - 2 * shared,
        });
      }
    }
    candidates.sort(
      (a, b) =>
        b.shared - a.shared ||
        Number(b.r.kind === b.s.kind) - Number(a.r.kind === a.s.kind) ||
        a.apart - b.apart,
    );
    for (const { r, s } of candidates) {
      if (!unpaired.has(r.id) || takenStudent.has(s.id)) continue;
      unpaired.delete(r.id);
      takenStudent.add(s.id);
      pairedStudent.set(r.id, s.id);
      const studentPremises = new Set(s.premises);
      const matchedPremises = new Set<ClaimId>();
      const missing: ClaimId[] = [];
      for (const p of r.premises) {
        const m = toStudent.get(p);
        if (m !== undefined && studentPremises.has(m)) matchedPremises.add(m);
        else missing.push(p);
      }
      const pair: RelationPair = {
        reference: r.id,
        student: s.id,
        referenceKind: r.kind,
        studentKind: s.kind,
        premises: { missing, extra: s.premises.filter((p) => !matchedPremises.has(p)) },
      };
      (r.kind === s.kind ? out.agree : out.disagree).push(pair);
    }
  }
  for (const r of reference) if (unpaired.has(r.id)) out.missing.push(shape(r));
  for (const s of student) if (!takenStudent.has(s.id)) out.extra.push(shape(s));
  return out;
}

function mapped(id: string | undefined, prefix: 'c' | 'r'): string | undefined {
  return id === undefined ? undefined : `${prefix}:${id}`;
}

function targetKey(t: RelationView['target']): string {
  return 'claim' in t ? `c:${t.claim}` : `r:${t.relation}`;
}

/** How many undercuts deep each reason is: 0 aims at a claim, 1 at a reason, and so on. */
function depths(relations: readonly RelationView[]): Map<RelationId, number> {
  const byId = new Map(relations.map((r) => [r.id, r]));
  const out = new Map<RelationId, number>();
  const depth = (r: RelationView, seen: Set<RelationId>): number => {
    const known = out.get(r.id);
    if (known !== undefined) return known;
    let d = 0;
    if ('relation' in r.target) {
      const target = byId.get(r.target.relation);
      d = target && !seen.has(target.id) ? depth(target, seen.add(r.id)) + 1 : 1;
    }
    out.set(r.id, d);
    return d;
  };
  for (const r of relations) depth(r, new Set());
  return out;
}

function shape(r: RelationView): RelationShape {
  return { id: r.id, kind: r.kind, premises: [...r.premises], target: { ...r.target } };
}
