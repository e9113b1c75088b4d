import { describe, expect, it } from 'vitest';
import { parse } from './args.ts';

describe('parse', () => {
  it('takes a value that starts with a dash (a random token may) for an option that has one', () => {
    const parsed = parse(
      ['m1', '--token', '-iAbC_d', '--url', 'http://x'],
      { token: { type: 'string' }, url: { type: 'string' } },
      ['mapId'],
      'usage',
    );
    expect(parsed.values['token']).toBe('-iAbC_d');
    expect(parsed.positionals).toEqual(['m1']);
  });
});
