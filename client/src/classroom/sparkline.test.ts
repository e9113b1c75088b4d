import { describe, expect, it } from 'vitest';
import { describeActivity, sparkPoints } from './sparkline.ts';

describe('the activity sparkline', () => {
  it('spans the box, the busiest bucket at the top and quiet ones at the bottom', () => {
    expect(sparkPoints([0, 4, 2], 100, 20)).toBe('0,19 50,1 100,10');
    expect(sparkPoints([], 100, 20)).toBe('');
    expect(sparkPoints([0, 0], 100, 20)).toBe('0,19 100,19');
  });

  it('says the same in words: how many edits, over how long, and when most were made', () => {
    const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    expect(
      describeActivity(
        { from: '2026-01-01T14:00:00.000Z', bucketMinutes: 10, counts: [1, 6, 0, 2, 0, 0] },
        time,
      ),
    ).toBe('9 edits over 1 hour, most (6) in the 10 minutes from 14:10');
    expect(
      describeActivity(
        { from: '2026-01-01T14:00:00.000Z', bucketMinutes: 60, counts: [0, 0] },
        time,
      ),
    ).toBe('No edits over 2 hours');
  });
});
