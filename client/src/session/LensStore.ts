import type {
  ClaimId,
  ClaimLabel,
  EvalGraph,
  EvalResult,
  MapChecks,
  Mode,
  Semantics,
} from '@warrant/shared';
import { KeyedEmitter } from '../state/Emitter.ts';
import { Value } from '../state/Value.ts';

/** A "what if" on this device only: treat a claim as accepted or rejected and see what follows. */
export type Assumption = 'accepted' | 'rejected';

export interface LensOptions {
  semantics: Semantics;
  mode: Mode;
}

/** One evaluation of the map as it was at one moment, with the options and assumptions used. */
export interface LensResult {
  /** The map as read from the doc (assumptions not applied). */
  graph: EvalGraph;
  assumptions: ReadonlyMap<ClaimId, Assumption>;
  result: EvalResult;
  /** The author's checks, on the map itself (assumptions play no part in them). */
  checks: MapChecks;
}

/**
 * The "Which claims stand" lens on one open map: whether it shows, its options, this device's
 * assumptions, and the last evaluation's labels. Framework-free, like every store here; the
 * evaluation folder fills it (in a web worker) and the claim body reads one claim's label, so
 * the canvas and the outline show it without knowing how it is computed.
 */
export class LensStore {
  /** The lens shows each claim's status on the cards and the rows. */
  readonly on = new Value(false);
  /** The checks panel is open. */
  readonly checksOpen = new Value(false);
  readonly options = new Value<LensOptions>({ semantics: 'grounded', mode: 'attack' });
  readonly assumptions = new Value<ReadonlyMap<ClaimId, Assumption>>(new Map());
  /** The latest evaluation (null until the first one arrives). */
  readonly latest = new Value<LensResult | null>(null);
  private labels: Readonly<Record<ClaimId, ClaimLabel>> = {};
  private readonly labelChanged = new KeyedEmitter<ClaimId>();

  labelOf = (claim: ClaimId): ClaimLabel | undefined => this.labels[claim];

  subscribeLabel(claim: ClaimId, listener: () => void): () => void {
    return this.labelChanged.subscribe(claim, listener);
  }

  /** Takes a new evaluation; wakes only the claims whose label changed. */
  publish(next: LensResult): void {
    const before = this.labels;
    this.labels = next.result.labels;
    this.latest.set(next);
    const ids = new Set([...Object.keys(before), ...Object.keys(this.labels)]);
    for (const id of ids) if (before[id] !== this.labels[id]) this.labelChanged.emit(id);
  }

  assume(claim: ClaimId, assumption: Assumption | null): void {
    const next = new Map(this.assumptions.get());
    if (assumption) next.set(claim, assumption);
    else next.delete(claim);
    this.assumptions.set(next);
  }

  clearAssumptions(): void {
    if (this.assumptions.get().size) this.assumptions.set(new Map());
  }

  destroy(): void {
    this.labelChanged.clear();
  }
}
