import { describe, expect, it } from 'vitest';
import { colorAmong, colorFor, PERSON_COLORS } from './identity.ts';

describe('person colours', () => {
  it('keeps a name’s own colour when nobody present shows it', () => {
    expect(colorAmong('Ana', new Set())).toBe(colorFor('Ana'));
    const other = PERSON_COLORS.find((c) => c !== colorFor('Ana'));
    expect(colorAmong('Ana', new Set([other ?? '']))).toBe(colorFor('Ana'));
  });

  it('takes the next free colour when its own is taken', () => {
    const own = colorFor('Ana');
    const i = PERSON_COLORS.indexOf(own as (typeof PERSON_COLORS)[number]);
    const next = PERSON_COLORS[(i + 1) % PERSON_COLORS.length];
    const after = PERSON_COLORS[(i + 2) % PERSON_COLORS.length];
    expect(colorAmong('Ana', new Set([own]))).toBe(next);
    expect(colorAmong('Ana', new Set([own, next ?? '']))).toBe(after);
  });

  it('falls back to its own colour when every colour is taken', () => {
    expect(colorAmong('Ana', new Set(PERSON_COLORS))).toBe(colorFor('Ana'));
  });
});
