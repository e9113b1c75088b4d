import { describe, expect, it } from 'vitest';
import { missedLines } from './missed.ts';

describe('missedLines', () => {
  it('says what copies miss or turn around, most often first', () => {
    const lines = missedLines(
      {
        copies: 12,
        claims: [
          { id: 'a', text: 'Article 51 allows self-defence', missedBy: ['x'] },
          { id: 'b', text: 'Only against an armed attack', missedBy: [] },
        ],
        relations: [
          {
            id: 'r',
            kind: 'rebut',
            premises: ['b'],
            target: { claim: 'a' },
            missedBy: ['x', 'y', 'z', 'p', 'q', 's', 't'],
            disagreedBy: ['u'],
          },
        ],
      },
      'groups',
    );
    expect(lines.map((l) => l.text)).toEqual([
      '7 of 12 groups miss the rebuttal of “Article 51 allows self-defence” by “Only against an armed attack”',
      '1 of 12 groups miss the claim “Article 51 allows self-defence”',
      '1 of 12 groups turn around the rebuttal of “Article 51 allows self-defence” by “Only against an armed attack”',
    ]);
  });

  it('says nothing when every copy has everything', () => {
    expect(
      missedLines(
        { copies: 2, claims: [{ id: 'a', text: 'A', missedBy: [] }], relations: [] },
        'students',
      ),
    ).toEqual([]);
  });
});
