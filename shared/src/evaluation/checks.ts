import type { ClaimId, RelationId } from '../ids.ts';
import type { EvalGraph } from './graph.ts';

/** What an author may want to look at, independent of how the map evaluates. */
export interface MapChecks {
  /**
   * Claims with no supporting reason and no passage cited in support, roots included: the
   * same rule as `unsupportedClaims` (a citation of an orphaned passage still counts here;
   * `orphanedOnly` flags those).
   */
  unsupported: ClaimId[];
  /** Rebuttals and undercuts that nobody has answered: no premise rebutted, no undercut. */
  unanswered: RelationId[];
  /** Claims that support each other in a circle: each strongly connected set of support. */
  circular: ClaimId[][];
  /** Claims that cite passages, every one of them orphaned (its words deleted). */
  orphanedOnly: ClaimId[];
  /** Live reasons that lost a premise to a concurrent removal (`missingPremises`). */
  brokenReasons: RelationId[];
}

/** Runs every check over the graph; each list is in the graph's (creation) order. */
export function checks(graph: EvalGraph): MapChecks {
  const supported = new Set<ClaimId>();
  const rebutted = new Set<string>();
  for (const r of graph.relations) {
    const target = 'claim' in r.target ? r.target.claim : r.target.relation;
    if (r.kind === 'support' && 'claim' in r.target) supported.add(target);
    if (r.kind === 'rebut') rebutted.add(target);
  }
  const cited = new Map<ClaimId, boolean>();
  for (const e of graph.evidence) {
    if (e.stance === 'support') supported.add(e.claim);
    cited.set(e.claim, (cited.get(e.claim) ?? true) && e.orphaned);
  }
  return {
    unsupported: graph.claims.filter((c) => !supported.has(c)),
    unanswered: graph.relations
      .filter((r) => r.kind === 'rebut')
      .filter((r) => !rebutted.has(r.id) && !r.premises.some((p) => rebutted.has(p)))
      .map((r) => r.id),
    circular: supportCycles(graph),
    orphanedOnly: graph.claims.filter((c) => cited.get(c) === true),
    brokenReasons: graph.relations.filter((r) => r.missingPremises.length).map((r) => r.id),
  };
}

/**
 * Tarjan's strongly connected components over "premise → supported claim", iteratively (a
 * long chain of support must not overflow the stack). A component of two or more claims is a
 * circle of support; so is one claim supporting itself, which the model refuses but a graph
 * from elsewhere might hold. Each circle lists its claims in creation order.
 */
function supportCycles(graph: EvalGraph): ClaimId[][] {
  const order = new Map<ClaimId, number>();
  graph.claims.forEach((c, i) => order.set(c, i));
  const n = graph.claims.length;
  const next: number[][] = Array.from({ length: n }, () => []);
  const selfLoop = new Uint8Array(n);
  for (const r of graph.relations) {
    if (r.kind !== 'support' || !('claim' in r.target)) continue;
    const t = order.get(r.target.claim);
    if (t === undefined) continue;
    for (const p of r.premises) {
      const s = order.get(p);
      if (s === undefined) continue;
      next[s]?.push(t);
      if (s === t) selfLoop[s] = 1;
    }
  }
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const circles: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const top = work[work.length - 1] as [number, number];
      const [v, i] = top;
      const edges = next[v] ?? [];
      if (i < edges.length) {
        top[1] = i + 1;
        const w = edges[i] ?? 0;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] ?? 0, index[w] ?? 0);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] ?? 0, low[v] ?? 0);
      if (low[v] !== index[v]) continue;
      const scc: number[] = [];
      let w: number;
      do {
        w = stack.pop() ?? v;
        onStack[w] = 0;
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || selfLoop[v]) circles.push(scc.sort((a, b) => a - b));
    }
  }
  return circles
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
    .map((scc) => scc.map((i) => graph.claims[i] ?? ''));
}
