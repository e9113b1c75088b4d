import { describe, expect, it } from 'vitest';
import { decodeGrantBody, encodeGrantBody } from './grant.ts';
import { ROLES } from './roles.ts';

describe('grant message body', () => {
  it('round-trips every role', () => {
    for (const role of ROLES) expect(decodeGrantBody(encodeGrantBody(role))).toBe(role);
  });

  it('reads a role this build does not know as no role, and ignores unknown fields', () => {
    expect(decodeGrantBody('{"role":"reviewer","scope":"all"}')).toBeNull();
    expect(decodeGrantBody('{"role":"viewer","expires":1}')).toBe('viewer');
  });

  it('refuses a body that is not a grant', () => {
    expect(() => decodeGrantBody('not json')).toThrow();
    expect(() => decodeGrantBody('{"who":"editor"}')).toThrow();
    expect(() => decodeGrantBody('"editor"')).toThrow();
    expect(() => decodeGrantBody('null')).toThrow();
    expect(() => decodeGrantBody('["editor"]')).toThrow();
    expect(() => decodeGrantBody('{"role":3}')).toThrow();
  });
});
