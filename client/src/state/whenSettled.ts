import { whenIdle } from './whenIdle.ts';

/** Input that ends a person's first action: a click, a tap, a drag's release, a key. */
const FIRST_ACTION_ENDS = ['pointerup', 'keyup'] as const;

/** After the map is shown, how long the page waits for a first action before settling. */
export const QUIET_MS = 1500;

/** However the page goes, it settles this long after a map starts opening. */
export const SETTLE_AT_LATEST_MS = 10_000;

/**
 * A gate for work that can wait until a map has opened *and* the person has had their first
 * go at it: starting the evaluation, warming up the editor. Such work used to run at the page's
 * first idle moment, which on an opening map is right after the first cards are drawn, exactly
 * when the person (or a benchmark) reaches for "Add claim": each task of 20–190 ms landed on
 * that first click. Held work runs (at idle moments, as `whenIdle`) once the first action
 * has been handled (a pointer or key released), or `QUIET_MS` after the map was shown with no
 * action, or `SETTLE_AT_LATEST_MS` after the gate was armed, whichever comes first.
 */
export class SettleGate {
  private settled = true;
  private readonly held = new Set<() => void>();
  private quiet: ReturnType<typeof setTimeout> | undefined;
  private latest: ReturnType<typeof setTimeout> | undefined;
  private listening = false;

  constructor(
    private readonly target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null,
  ) {}

  /** A map starts opening: hold work from now until it has settled. */
  arm(): void {
    this.clearTimers();
    this.settled = false;
    this.latest = setTimeout(this.settle, SETTLE_AT_LATEST_MS);
    if (this.target && !this.listening) {
      for (const type of FIRST_ACTION_ENDS) {
        this.target.addEventListener(type, this.onAction, { capture: true, passive: true });
      }
      this.listening = true;
    }
  }

  /** The map is on screen: settle after `quietMs` unless the person acts first. */
  shown(quietMs = QUIET_MS): void {
    if (this.settled) return;
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = setTimeout(this.settle, quietMs);
  }

  /** Whether held work would run now. */
  isSettled(): boolean {
    return this.settled;
  }

  /**
   * Runs `task` at an idle moment once the page has settled (at once, when it has); returns
   * a function that cancels it.
   */
  run(task: () => void, idleTimeoutMs = 1000): () => void {
    if (this.settled) return whenIdle(task, idleTimeoutMs);
    let cancelIdle: (() => void) | null = null;
    const release = () => {
      cancelIdle = whenIdle(task, idleTimeoutMs);
    };
    this.held.add(release);
    return () => {
      this.held.delete(release);
      cancelIdle?.();
    };
  }

  /** The first action's own handlers (the click after `pointerup`) run first. */
  private readonly onAction = (): void => {
    setTimeout(this.settle, 0);
  };

  private readonly settle = (): void => {
    if (this.settled) return;
    this.settled = true;
    this.clearTimers();
    if (this.target && this.listening) {
      for (const type of FIRST_ACTION_ENDS) {
        this.target.removeEventListener(type, this.onAction, { capture: true });
      }
      this.listening = false;
    }
    const held = [...this.held];
    this.held.clear();
    for (const release of held) release();
  };

  private clearTimers(): void {
    if (this.quiet) clearTimeout(this.quiet);
    if (this.latest) clearTimeout(this.latest);
    this.quiet = undefined;
    this.latest = undefined;
  }
}

/** The page's gate (see `SettleGate`): armed when a map page opens, told when it is shown. */
export const settleGate = new SettleGate(typeof window === 'undefined' ? null : window);

/** Runs `task` once the opening map has settled (see `SettleGate`), at an idle moment. */
export function whenSettled(task: () => void, idleTimeoutMs = 1000): () => void {
  return settleGate.run(task, idleTimeoutMs);
}
