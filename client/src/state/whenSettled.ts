import { afterNextPaint } from './afterNextPaint.ts';
import { whenIdle } from './whenIdle.ts';

/** Input that ends a person's first action: a click, a tap, a drag's release, a key. */
const FIRST_ACTION_ENDS = ['pointerup', 'keyup'] as const;

/** After the map is shown, how long the page waits for a first action before settling. */
export const QUIET_MS = 1500;

/** However the page goes, it settles this long after a map starts opening. */
export const SETTLE_AT_LATEST_MS = 10_000;

/**
 * A gate for work that can wait until a map has opened *and* the person has had their first
 * go at it: starting the evaluation, warming up the editor, drawing the overview. Such work
 * used to run at the page's first idle moment, which on an opening map is right after the
 * first cards are drawn, exactly when the person (or a benchmark) reaches for "Add claim":
 * each task of 20–190 ms landed on that first click.
 *
 * The page settles once the first action has been handled (a pointer or key released), or
 * `QUIET_MS` after the map was shown with no action, or `SETTLE_AT_LATEST_MS` after the gate
 * was armed, whichever comes first. Until then held work waits; after, it runs at idle
 * moments (`whenIdle`), each task in its own.
 *
 * An action's result may take longer than its handlers: "Add claim" opens an editor whose
 * caret comes a task or two later. Whoever knows such a result is on its way `hold`s the gate
 * until it is on screen, so held work waits for the caret too, and for the frame that draws
 * it (work queued while a hold is on waits the same way, on a settled page as on an opening
 * one). Only `SETTLE_AT_LATEST_MS` settles a page held that long.
 */
export class SettleGate {
  private settled = true;
  /** The first action has been handled, or the map has been quiet long enough. */
  private ready = false;
  private readonly holds = new Set<object>();
  /** Waiting for the frame after the last hold went, before letting held work go. */
  private painting = false;
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
    this.ready = false;
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
    this.quiet = setTimeout(this.onReady, quietMs);
  }

  /**
   * Something the person asked for is on its way (a new claim's editor and its caret): held
   * work waits until the returned function is called and the next frame is drawn.
   */
  hold(): () => void {
    const token = {};
    this.holds.add(token);
    return () => {
      if (this.holds.delete(token)) this.afterHolds();
    };
  }

  /** Whether held work would run now. */
  isSettled(): boolean {
    return this.settled && this.holds.size === 0 && !this.painting;
  }

  /**
   * Runs `task` at an idle moment once the page has settled (at once, when it has and nothing
   * holds it); returns a function that cancels it.
   */
  run(task: () => void, idleTimeoutMs = 1000): () => void {
    if (this.isSettled()) return whenIdle(task, idleTimeoutMs);
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
    setTimeout(this.onReady, 0);
  };

  private readonly onReady = (): void => {
    if (this.settled) return;
    this.ready = true;
    this.afterHolds();
  };

  /** Settles, or lets work held on a settled page go, once nothing holds the gate. */
  private afterHolds(): void {
    if (this.holds.size > 0 || this.painting) return;
    if (!this.settled && !this.ready) return;
    this.painting = true;
    afterNextPaint(() => {
      this.painting = false;
      if (this.holds.size > 0) return; // a new hold came meanwhile: its release goes on
      if (this.settled) this.release();
      else if (this.ready) this.settle();
    });
  }

  private readonly settle = (): void => {
    this.settled = true;
    this.ready = true;
    this.clearTimers();
    if (this.target && this.listening) {
      for (const type of FIRST_ACTION_ENDS) {
        this.target.removeEventListener(type, this.onAction, { capture: true });
      }
      this.listening = false;
    }
    // Past `SETTLE_AT_LATEST_MS`, holds no longer keep work back.
    this.holds.clear();
    this.release();
  };

  private release(): void {
    const held = [...this.held];
    this.held.clear();
    for (const go of held) go();
  }

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
