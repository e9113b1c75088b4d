import { describe, expect, it } from 'vitest';
import { describePush } from './push.ts';

describe('the result of pushing the template', () => {
  it('says how many copies and what the one that lacked most gained, leaving out kinds with none', () => {
    expect(describePush({ copies: 3, changes: { claims: 2, relations: 0, sources: 1 } })).toBe(
      'Pushed to 3 copies; the copy that lacked most gained claims: 2, sources: 1.',
    );
  });

  it('says so when every copy already had everything', () => {
    expect(describePush({ copies: 1, changes: { claims: 0 } })).toBe(
      'Pushed to 1 copy: each already had everything in the template.',
    );
  });
});
