import type { Framework } from './framework.ts';

/** Argument labels, as in Caminada's labellings. */
export const UNDEC = 0;
export const IN = 1;
export const OUT = 2;
export type ArgLabel = typeof UNDEC | typeof IN | typeof OUT;

export interface Labelling {
  label: Uint8Array;
  /**
   * The step at which each decided argument got its label (-1: undecided). An argument is
   * labelled IN only after all its attackers are OUT, and OUT only after an IN attacker, so
   * explaining a label by arguments with smaller steps never goes round in a circle.
   */
  step: Int32Array;
}

/**
 * The grounded labelling: the least fixed point of "IN when every attacker is OUT, OUT when
 * some attacker is IN", computed in time linear in arguments plus attacks by counting, for
 * each argument, the attackers not yet OUT.
 */
export function groundedLabelling(af: Framework): Labelling {
  const label = new Uint8Array(af.size);
  const step = new Int32Array(af.size).fill(-1);
  const pending = new Int32Array(af.size);
  const queue: number[] = [];
  for (let a = 0; a < af.size; a++) {
    pending[a] = af.attackers[a]?.length ?? 0;
    if (pending[a] === 0) queue.push(a);
  }
  let n = 0;
  for (let head = 0; head < queue.length; head++) {
    const a = queue[head] ?? 0;
    if (label[a] !== UNDEC) continue;
    label[a] = IN;
    step[a] = n++;
    for (const t of af.targets[a] ?? []) {
      if (label[t] !== UNDEC) continue;
      label[t] = OUT;
      step[t] = n++;
      for (const u of af.targets[t] ?? []) {
        pending[u] = (pending[u] ?? 0) - 1;
        if (pending[u] === 0 && label[u] === UNDEC) queue.push(u);
      }
    }
  }
  return { label, step };
}
