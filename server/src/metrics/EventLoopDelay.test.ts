import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventLoopDelay } from './EventLoopDelay.ts';

const block = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* a synchronous stall, as a huge decode would cause */
  }
};
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EventLoopDelay', () => {
  let monitor: EventLoopDelay | undefined;
  afterEach(() => {
    monitor?.stop();
    vi.useRealTimers();
  });

  it('reports a stall of the loop as its maximum delay', async () => {
    monitor = new EventLoopDelay(60_000, 10);
    await tick(50);
    block(200);
    await tick(30);
    const { p50, max } = monitor.summary();
    expect(max).toBeGreaterThan(0.15);
    expect(max).toBeLessThan(5);
    expect(p50).toBeLessThan(max);
  });

  it('forgets a stall two windows later', async () => {
    // The windows turn when the test says (no real time passes): a turn of the loop
    // descheduled meanwhile on a busy machine cannot show up as a new stall.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    monitor = new EventLoopDelay(100, 10);
    await tick(30);
    block(150);
    await tick(20);
    expect(monitor.summary().max).toBeGreaterThan(0.1);
    vi.advanceTimersByTime(100);
    expect(monitor.summary().max).toBeGreaterThan(0.1);
    vi.advanceTimersByTime(100);
    expect(monitor.summary().max).toBeLessThan(0.1);
  });
});
