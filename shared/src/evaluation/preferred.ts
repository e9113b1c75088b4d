import type { Framework } from './framework.ts';
import { IN, OUT, UNDEC, type Labelling } from './grounded.ts';

/** One independent part of the undecided residue and its preferred labellings. */
export interface Component {
  /** Argument indices. */
  args: number[];
  /** Each preferred labelling of the part: `labels[i]` is the label of `args[i]`. */
  labellings: Uint8Array[];
}

/** Thrown inside the search when the time budget or the extension cap runs out. */
class GiveUp extends Error {}

/** The most preferred labellings one component may have before the search gives up. */
export const MAX_COMPONENT_EXTENSIONS = 4096;

/**
 * The preferred labellings, computed only where they can differ from the grounded one.
 *
 * Every preferred extension contains the grounded extension and excludes what it defeats, so
 * only the grounded-undecided arguments are searched. Of those, only arguments that attack
 * something are searched: an argument that attacks nothing (every claim; a support in attack
 * mode) is in a maximal admissible set exactly when all its attackers are out, so its label
 * follows. The rest splits into weakly connected components that do not interact, whose
 * extensions combine freely, so each is searched alone. Returns undefined when `deadline`
 * (a `performance.now()` time) passes or a component has too many extensions.
 */
export function preferredComponents(
  af: Framework,
  grounded: Labelling,
  deadline: number,
): Component[] | undefined {
  const active: number[] = [];
  for (let a = 0; a < af.size; a++) {
    if (grounded.label[a] === UNDEC && (af.targets[a]?.length ?? 0) > 0) active.push(a);
  }
  const parent = new Map<number, number>();
  for (const a of active) parent.set(a, a);
  const find = (a: number): number => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    let x = a;
    while (x !== r) {
      const next = parent.get(x) ?? r;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const a of active) {
    for (const t of af.targets[a] ?? []) if (parent.has(t)) parent.set(find(t), find(a));
  }
  const groups = new Map<number, number[]>();
  for (const a of active) {
    const r = find(a);
    const g = groups.get(r) ?? [];
    g.push(a);
    groups.set(r, g);
  }
  try {
    return [...groups.values()].map((args) => ({
      args,
      labellings: searchComponent(af, args, deadline),
    }));
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

const BLANK = 0;
const S_IN = 1;
const S_OUT = 2;
const MUST_OUT = 3;
const S_UNDEC = 4;

/**
 * Enumerates the maximal admissible sets of one component by backtracking over its arguments
 * (after Nofal, Atkinson and Dunne's labelling algorithm): each argument is either put IN,
 * which makes what it attacks OUT and its attackers MUST_OUT (they must be attacked by
 * something IN before the set is admissible), or left UNDEC. A branch dies as soon as some
 * MUST_OUT argument has no attacker left that could still go IN.
 */
function searchComponent(af: Framework, args: number[], deadline: number): Uint8Array[] {
  const k = args.length;
  const local = new Map<number, number>();
  args.forEach((a, i) => local.set(a, i));
  const restrict = (list: number[]) =>
    list.map((x) => local.get(x) ?? -1).filter((x): x is number => x >= 0);
  const att = args.map((a) => restrict(af.attackers[a] ?? []));
  const tgt = args.map((a) => restrict(af.targets[a] ?? []));
  const lab = new Uint8Array(k);
  for (let i = 0; i < k; i++) if (att[i]?.includes(i)) lab[i] = S_UNDEC;

  const found: Uint8Array[] = [];
  const trail: number[] = [];
  let nodes = 0;
  const set = (i: number, l: number) => {
    trail.push(i, lab[i] ?? BLANK);
    lab[i] = l;
  };
  const undo = (mark: number) => {
    while (trail.length > mark) {
      const old = trail.pop() ?? BLANK;
      const i = trail.pop() ?? 0;
      lab[i] = old;
    }
  };
  const subsetOfFound = (): boolean =>
    found.some((f) => {
      for (let i = 0; i < k; i++) if (lab[i] === S_IN && f[i] !== IN) return false;
      return true;
    });

  /** One node: dead (-1), a leaf (-1, recorded) or the argument to branch on. */
  const expand = (): number => {
    if ((nodes++ & 255) === 0 && performance.now() > deadline) throw new GiveUp();
    let choice = -1;
    for (let i = 0; i < k; i++) {
      if (lab[i] !== MUST_OUT) continue;
      const open = (att[i] ?? []).filter((a) => lab[a] === BLANK);
      if (!open.length) return -1;
      if (choice < 0) choice = open[0] ?? -1;
    }
    if (choice < 0) choice = lab.indexOf(BLANK);
    if (choice < 0 && !subsetOfFound()) {
      const labels = new Uint8Array(k);
      for (let i = 0; i < k; i++) {
        labels[i] = lab[i] === S_IN ? IN : lab[i] === S_OUT ? OUT : UNDEC;
      }
      found.push(labels);
      if (found.length > MAX_COMPONENT_EXTENSIONS) throw new GiveUp();
    }
    return choice;
  };
  const putIn = (x: number) => {
    set(x, S_IN);
    for (const a of att[x] ?? []) if (lab[a] === BLANK || lab[a] === S_UNDEC) set(a, MUST_OUT);
    for (const t of tgt[x] ?? []) if (lab[t] !== S_OUT) set(t, S_OUT);
  };
  // Depth-first, IN before UNDEC, with an explicit stack: a component can be thousands deep.
  const stack: { choice: number; mark: number; tried: boolean }[] = [];
  for (;;) {
    const choice = expand();
    if (choice >= 0) {
      stack.push({ choice, mark: trail.length, tried: false });
      putIn(choice);
      continue;
    }
    let frame = stack[stack.length - 1];
    while (frame?.tried) {
      undo(frame.mark);
      stack.pop();
      frame = stack[stack.length - 1];
    }
    if (!frame) break;
    undo(frame.mark);
    frame.tried = true;
    set(frame.choice, S_UNDEC);
  }
  // A set found early may sit inside one found later; keep the maximal ones.
  const size = (f: Uint8Array) => f.reduce((n, l) => n + (l === IN ? 1 : 0), 0);
  const bySize = found.sort((a, b) => size(b) - size(a));
  const maximal: Uint8Array[] = [];
  for (const f of bySize) {
    const inside = maximal.some((m) => f.every((l, i) => l !== IN || m[i] === IN));
    if (!inside) maximal.push(f);
  }
  return maximal;
}
