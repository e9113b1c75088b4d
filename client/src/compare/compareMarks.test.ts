import { addClaim, compareMaps, connect, createMap } from '@warrant/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { missingGhostId, referenceMarks } from './compareMarks.ts';

describe('referenceMarks', () => {
  it('marks matched and extra claims, ghosts the missing ones, and marks extra reasons', () => {
    const reference = new Y.Doc();
    createMap(reference, { title: 'Model answer' });
    const root = addClaim(reference, { text: 'Cities should tax cars entering the centre' });
    const missing = addClaim(reference, { text: 'Congestion charges cut traffic by a fifth' });
    connect(reference, { kind: 'support', premises: [missing], target: { claim: root } });
    const student = new Y.Doc();
    createMap(student, { title: 'Mine' });
    const mine = addClaim(student, { text: 'Cities should tax cars entering the centre.' });
    const extra = addClaim(student, { text: 'Buses are often late' });
    const reason = connect(student, { kind: 'rebut', premises: [extra], target: { claim: mine } });
    const marks = referenceMarks('Model answer', compareMaps(student, reference));
    expect(marks.with).toBe('reference');
    expect([...marks.claims]).toEqual([
      [mine, 'matched'],
      [extra, 'extra'],
    ]);
    expect(marks.removed).toEqual([
      { id: missingGhostId(missing), text: 'Congestion charges cut traffic by a fifth' },
    ]);
    expect([...(marks.reasons ?? [])]).toEqual([[reason, 'extra']]);
  });
});
