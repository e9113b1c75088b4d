import { describe, expect, it } from 'vitest';
import { describeClose } from './closeReasons.ts';

describe('describeClose', () => {
  it('tells a person what to do for the closes they can fix', () => {
    expect(describeClose(4403, 'This share link was revoked by the map owner')).toMatch(
      /Ask them for a new link/,
    );
    expect(describeClose(4426, '')).toMatch(/Reload the page/);
    expect(describeClose(4423, '')).toMatch(/once your instructor releases/);
  });

  it('falls back to the relay’s own reason for codes it does not know', () => {
    expect(describeClose(4499, 'Something new')).toBe('Something new');
    expect(describeClose(4499, '')).toMatch(/code 4499/);
  });
});
