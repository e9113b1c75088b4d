import { describe, expect, it } from 'vitest';
import { canEdit, isRole, permissionsOf, ROLES, SHARE_ROLES } from './roles.ts';

describe('roles', () => {
  it('lets owners and editors edit, and nobody else', () => {
    expect(ROLES.filter((r) => canEdit(r))).toEqual(['owner', 'editor']);
    expect(canEdit(null)).toBe(false);
  });

  it('gives an unknown role no permissions at all', () => {
    expect(isRole('commenter')).toBe(false);
    expect(permissionsOf(null)).toEqual({ canEdit: false, canComment: false, canShare: false });
  });

  it('lets only the owner share, and share links never grant ownership', () => {
    expect(ROLES.filter((r) => permissionsOf(r).canShare)).toEqual(['owner']);
    expect(SHARE_ROLES).not.toContain('owner');
  });
});
