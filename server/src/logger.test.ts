import { describe, expect, it } from 'vitest';
import { wantsPretty } from './logger.ts';

describe('log format', () => {
  it('is readable on a terminal and JSON when piped, unless configured', () => {
    expect(wantsPretty(undefined, { isTTY: true })).toBe(true);
    expect(wantsPretty(undefined, {})).toBe(false);
    expect(wantsPretty('json', { isTTY: true })).toBe(false);
    expect(wantsPretty('pretty', {})).toBe(true);
  });
});
