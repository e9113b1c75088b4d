import { describe, expect, it } from 'vitest';
import { compareMarks, describeChanges } from './compareMarks.ts';

describe('compareMarks', () => {
  it('marks added and reworded claims, and keeps removed ones with their old text', () => {
    const marks = compareMarks('Draft', {
      claims: {
        added: [{ id: 'a', text: 'New' }],
        removed: [{ id: 'r', text: 'Gone' }],
        changed: [{ id: 'c', from: 'x', to: 'y', words: [] }],
      },
      relations: { added: [], removed: [], changed: [] },
      evidence: { added: [], removed: [] },
    });
    expect(marks.against).toBe('Draft');
    expect([...marks.claims]).toEqual([
      ['a', 'added'],
      ['c', 'changed'],
    ]);
    expect(marks.removed).toEqual([{ id: 'r', text: 'Gone' }]);
  });

  it('says the size of a change in words', () => {
    expect(describeChanges({ added: 3, removed: 0, changed: 1 })).toBe('3 added, 1 changed');
    expect(describeChanges({ added: 0, removed: 0, changed: 0 })).toBe('no change');
  });
});
