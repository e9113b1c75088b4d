import type { PresenceView } from '@warrant/shared';

/**
 * At most this often (10 a second) does this person's view go out in their awareness
 * state. Panning makes a new view every frame; sending each would flood the relay and every
 * other person on the map with sixty awareness updates a second per person panning.
 */
export const VIEW_SEND_INTERVAL_MS = 100;

/** A view rounded to whole map units: sub-pixel drift is not a change worth sending. */
function rounded(view: PresenceView | null): PresenceView | null {
  if (!view || view.mode !== 'map') return view;
  return {
    mode: 'map',
    x: Math.round(view.x),
    y: Math.round(view.y),
    width: Math.max(1, Math.round(view.width)),
    height: Math.max(1, Math.round(view.height)),
  };
}

/**
 * Sends this person's view, throttled: the first change at once, then at most one per
 * `interval`, always ending on the latest (a pan's last frame is never dropped), and never
 * the same view twice in a row.
 */
export class ViewPublisher {
  private pending: { view: PresenceView | null } | null = null;
  private lastSent: string | null = null;
  private lastAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (view: PresenceView | null) => void,
    private readonly interval = VIEW_SEND_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  publish(view: PresenceView | null): void {
    this.pending = { view: rounded(view) };
    if (this.timer) return;
    const wait = this.lastAt + this.interval - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(this.onTimer, wait);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private onTimer = (): void => {
    this.timer = null;
    this.flush();
  };

  private flush(): void {
    const next = this.pending;
    this.pending = null;
    if (!next) return;
    const key = JSON.stringify(next.view);
    if (key === this.lastSent) return;
    this.lastSent = key;
    this.lastAt = this.now();
    this.send(next.view);
  }
}
