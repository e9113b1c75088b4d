import type { ClaimId, RelationId } from '../ids.ts';
import { buildFramework, type Framework, type Mode } from './framework.ts';
import type { EvalGraph } from './graph.ts';
import { groundedLabelling, IN, OUT, UNDEC, type Labelling } from './grounded.ts';
import { preferredComponents, type Component } from './preferred.ts';

export type Semantics = 'grounded' | 'preferred';
export type ClaimLabel = 'accepted' | 'rejected' | 'undecided';
export type RelationStatus = 'holds' | 'fails' | 'undecided';

export interface EvaluateOptions {
  semantics: Semantics;
  mode: Mode;
  /** Preferred semantics gives up after this many milliseconds (default 1000). */
  budgetMs?: number;
}

export interface EvalResult {
  semantics: Semantics;
  mode: Mode;
  /**
   * Grounded: the grounded labelling. Preferred: the sceptical one (accepted in every
   * preferred extension, rejected in every one, otherwise undecided).
   */
  labels: Record<ClaimId, ClaimLabel>;
  /** The same for every relation: a reason holds (IN), fails (OUT) or is undecided. */
  relations: Record<RelationId, RelationStatus>;
  /**
   * Preferred only: the accepted claims of each preferred extension, listed when there are at
   * most `MAX_LISTED_EXTENSIONS`; extensions that differ only in which reasons hold are
   * listed once.
   */
  extensions?: ClaimId[][];
  /** Preferred only: how many preferred extensions the framework has. */
  extensionCount?: number;
  /** Preferred only: accepted in at least one preferred extension. */
  credulous?: Record<ClaimId, boolean>;
  /** Preferred only: accepted in every preferred extension. */
  sceptical?: Record<ClaimId, boolean>;
  /** Preferred only: the budget ran out; `labels` and `relations` are the grounded ones. */
  gaveUp?: boolean;
}

export const MAX_LISTED_EXTENSIONS = 64;

const CLAIM: Record<number, ClaimLabel> = {
  [IN]: 'accepted',
  [OUT]: 'rejected',
  [UNDEC]: 'undecided',
};
const RELATION: Record<number, RelationStatus> = {
  [IN]: 'holds',
  [OUT]: 'fails',
  [UNDEC]: 'undecided',
};

/**
 * Labels every claim and reason of the map (see EVALUATION.md for the semantics). Pure: the
 * same graph and options always give the same result.
 */
export function evaluate(
  graph: EvalGraph,
  options: EvaluateOptions = { semantics: 'grounded', mode: 'attack' },
): EvalResult {
  const start = performance.now();
  const af = buildFramework(graph, options.mode);
  const grounded = groundedLabelling(af);
  const base = { semantics: options.semantics, mode: options.mode };
  if (options.semantics === 'grounded') return { ...base, ...named(af, grounded.label) };
  // The search gets 80% of the budget: combining its labellings afterwards is not
  // interruptible, and "within the budget or gave up" must hold on a loaded machine too.
  const budget = options.budgetMs ?? 1000;
  const components = preferredComponents(af, grounded, start + budget * 0.8);
  if (!components) return { ...base, ...named(af, grounded.label), gaveUp: true };
  return { ...base, ...preferredResult(af, grounded, components) };
}

function named(af: Framework, label: Uint8Array) {
  const nC = af.claimIds.length;
  return {
    labels: Object.fromEntries(
      af.claimIds.map((c, i) => [c, CLAIM[label[i] ?? UNDEC] ?? 'undecided']),
    ),
    relations: Object.fromEntries(
      af.relations.map((r, j) => [r.id, RELATION[label[nC + j] ?? UNDEC] ?? 'undecided']),
    ),
  };
}

/**
 * Combines the components' labellings. An argument searched in a component is sceptically
 * IN when IN in all its component's labellings. An argument that attacks nothing is IN in an
 * extension when all its attackers are OUT there; its attackers may lie in several
 * components, and since components combine freely, "some extension puts them all OUT" and
 * "every extension does" hold exactly when they hold component by component.
 */
function preferredResult(af: Framework, grounded: Labelling, components: Component[]) {
  const where = new Map<number, [Component, number]>();
  for (const k of components) k.args.forEach((a, i) => where.set(a, [k, i]));
  const scepIn = new Uint8Array(af.size);
  const credIn = new Uint8Array(af.size);
  const scepOut = new Uint8Array(af.size);
  for (let a = 0; a < af.size; a++) {
    const g = grounded.label[a];
    if (g !== UNDEC) {
      scepIn[a] = credIn[a] = g === IN ? 1 : 0;
      scepOut[a] = g === OUT ? 1 : 0;
      continue;
    }
    const at = where.get(a);
    if (at) {
      const [k, i] = at;
      const labels = k.labellings.map((l) => l[i]);
      scepIn[a] = labels.every((l) => l === IN) ? 1 : 0;
      credIn[a] = labels.some((l) => l === IN) ? 1 : 0;
      scepOut[a] = labels.every((l) => l === OUT) ? 1 : 0;
      continue;
    }
    const byComponent = new Map<Component, number[]>();
    for (const x of af.attackers[a] ?? []) {
      const xa = where.get(x);
      if (!xa) continue;
      const list = byComponent.get(xa[0]) ?? [];
      list.push(xa[1]);
      byComponent.set(xa[0], list);
    }
    let canAllOut = true;
    let alwaysAllOut = true;
    let canNoneIn = true;
    for (const [k, idx] of byComponent) {
      const allOut = k.labellings.map((l) => idx.every((i) => l[i] === OUT));
      canAllOut &&= allOut.some(Boolean);
      alwaysAllOut &&= allOut.every(Boolean);
      canNoneIn &&= k.labellings.some((l) => idx.every((i) => l[i] !== IN));
    }
    credIn[a] = canAllOut ? 1 : 0;
    scepIn[a] = alwaysAllOut ? 1 : 0;
    scepOut[a] = canNoneIn ? 0 : 1;
  }
  const sceptical = new Uint8Array(af.size);
  for (let a = 0; a < af.size; a++) sceptical[a] = scepIn[a] ? IN : scepOut[a] ? OUT : UNDEC;
  const count = components.reduce((n, k) => n * k.labellings.length, 1);
  return {
    ...named(af, sceptical),
    credulous: Object.fromEntries(af.claimIds.map((c, i) => [c, credIn[i] === 1])),
    sceptical: Object.fromEntries(af.claimIds.map((c, i) => [c, scepIn[i] === 1])),
    extensionCount: count,
    ...(count <= MAX_LISTED_EXTENSIONS
      ? { extensions: listExtensions(af, grounded, components) }
      : {}),
  };
}

/** Every combination of the components' labellings, as the set of claims it accepts. */
function listExtensions(af: Framework, grounded: Labelling, components: Component[]): ClaimId[][] {
  let combos: Uint8Array[] = [grounded.label];
  for (const k of components) {
    combos = combos.flatMap((base) =>
      k.labellings.map((l) => {
        const next = base.slice();
        k.args.forEach((a, i) => (next[a] = l[i] ?? UNDEC));
        return next;
      }),
    );
  }
  const seen = new Set<string>();
  const out: ClaimId[][] = [];
  for (const label of combos) {
    const claims = af.claimIds.filter((_, c) => {
      if (label[c] !== UNDEC) return label[c] === IN;
      return (af.attackers[c] ?? []).every((x) => label[x] === OUT);
    });
    const key = claims.join('\n');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(claims);
    }
  }
  return out;
}
