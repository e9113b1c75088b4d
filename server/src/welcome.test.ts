import { describe, expect, it } from 'vitest';
import { mapUrl, publicUrl, welcomeLine } from './welcome.ts';

describe('welcome line', () => {
  it('sends people to localhost when the relay listens on every interface', () => {
    expect(publicUrl(undefined, 8080)).toBe('http://localhost:8080');
    expect(publicUrl('0.0.0.0', 8080)).toBe('http://localhost:8080');
    expect(publicUrl('::', 8080)).toBe('http://localhost:8080');
  });

  it('names the interface it was bound to, bracketing IPv6 addresses', () => {
    expect(publicUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
    expect(publicUrl('::1', 3000)).toBe('http://[::1]:3000');
  });

  it('says where to open it and where the sample map is, by its title', () => {
    const line = welcomeLine('http://localhost:8080', { id: 'abc_-1', title: 'Is NATO…?' });
    expect(line).toBe(
      'Warrant is running: open http://localhost:8080 — the sample map “Is NATO…?” is at ' +
        'http://localhost:8080/maps/abc_-1',
    );
    expect(mapUrl('http://localhost:8080', 'abc_-1')).toBe('http://localhost:8080/maps/abc_-1');
  });

  it('still says where to open it when there is no sample map', () => {
    expect(welcomeLine('http://localhost:8080', null)).toBe(
      'Warrant is running: open http://localhost:8080',
    );
  });
});
