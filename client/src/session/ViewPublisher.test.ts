import type { PresenceView } from '@warrant/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewPublisher } from './ViewPublisher.ts';

const at = (x: number): PresenceView => ({ mode: 'map', x, y: 0, width: 1000, height: 600 });

describe('sending this person’s view', () => {
  let sent: (PresenceView | null)[];
  let publisher: ViewPublisher;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    publisher = new ViewPublisher(
      (v) => sent.push(v),
      100,
      () => Date.now(),
    );
  });
  afterEach(() => {
    publisher.destroy();
    vi.useRealTimers();
  });

  it('sends at most ten views a second while panning, ending on the last', () => {
    // A two-second pan at 60 frames a second.
    for (let frame = 0; frame < 120; frame++) {
      publisher.publish(at(frame * 5));
      vi.advanceTimersByTime(1000 / 60);
    }
    vi.advanceTimersByTime(200);
    expect(sent.length).toBeGreaterThanOrEqual(15);
    expect(sent.length).toBeLessThanOrEqual(21);
    expect(sent.at(-1)).toEqual(at(119 * 5));
  });

  it('sends the first change at once', () => {
    publisher.publish(at(1));
    expect(sent).toEqual([at(1)]);
  });

  it('sends nothing when the view has not changed (sub-unit drift included)', () => {
    publisher.publish(at(10));
    for (let i = 0; i < 50; i++) {
      publisher.publish(at(10.2));
      vi.advanceTimersByTime(150);
    }
    expect(sent).toEqual([at(10)]);
    publisher.publish({ mode: 'outline' });
    vi.advanceTimersByTime(150);
    expect(sent).toEqual([at(10), { mode: 'outline' }]);
  });
});
