import { describe, expect, it } from 'vitest';
import { linkFingerprint } from './fingerprint.ts';
import { rememberedRole, rememberRole } from './roleMemory.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('role memory', () => {
  it('remembers the last role per map and per link, never the token itself', () => {
    const s = memory();
    rememberRole('m1', 'editor-token', 'editor', s);
    rememberRole('m2', undefined, 'owner', s);
    expect(rememberedRole('m1', 'editor-token', s)).toBe('editor');
    expect(rememberedRole('m2', undefined, s)).toBe('owner');
    // Another link to the same map starts unknown.
    expect(rememberedRole('m1', 'viewer-token', s)).toBeNull();
    expect(rememberedRole('m3', undefined, s)).toBeNull();
    expect(s.getItem('warrant.roles')).not.toContain('editor-token');
  });

  it('replaces and forgets', () => {
    const s = memory();
    rememberRole('m1', 't', 'editor', s);
    rememberRole('m1', 't', 'viewer', s);
    expect(rememberedRole('m1', 't', s)).toBe('viewer');
    rememberRole('m1', 't', null, s);
    expect(rememberedRole('m1', 't', s)).toBeNull();
  });

  it('survives garbage in storage', () => {
    const s = memory();
    s.setItem('warrant.roles', '{not json');
    expect(rememberedRole('m1', undefined, s)).toBeNull();
    s.setItem('warrant.roles', JSON.stringify([['m1', { role: 'admin', link: '' }], 5]));
    expect(rememberedRole('m1', undefined, s)).toBeNull();
    rememberRole('m2', undefined, 'editor', s);
    expect(rememberedRole('m2', undefined, s)).toBe('editor');
  });

  it('tells links apart', () => {
    expect(linkFingerprint('a')).not.toBe(linkFingerprint('b'));
    expect(linkFingerprint(undefined)).toBe('');
  });
});
