import { describe, expect, it } from 'vitest';
import { RateLimiter } from './RateLimiter.ts';

describe('RateLimiter', () => {
  it('allows a burst of twice the rate, then the sustained rate', () => {
    let t = 0;
    const limiter = new RateLimiter(10, 1_000_000, 10_000_000, () => t);
    for (let i = 0; i < 20; i++) expect(limiter.take(1)).toBe(true);
    expect(limiter.take(1)).toBe(false);
    t += 1000;
    for (let i = 0; i < 9; i++) expect(limiter.take(1)).toBe(true);
  });

  it('limits bytes separately from messages', () => {
    let t = 0;
    const limiter = new RateLimiter(1000, 100, 200, () => t);
    expect(limiter.take(150)).toBe(true);
    expect(limiter.take(100)).toBe(false);
    t += 2000;
    expect(limiter.take(150)).toBe(true);
  });
});
