import { describe, expect, it } from 'vitest';
import { canComment, canEdit, isRole, permissionsOf, ROLES, SHARE_ROLES } from './roles.ts';

describe('roles', () => {
  it('lets owners and editors edit, and nobody else', () => {
    expect(ROLES.filter((r) => canEdit(r))).toEqual(['owner', 'editor']);
    expect(canEdit(null)).toBe(false);
  });

  it('lets everyone but a viewer comment, and a commenter nothing else', () => {
    expect(ROLES.filter((r) => canComment(r))).toEqual(['owner', 'editor', 'commenter']);
    expect(permissionsOf('commenter')).toEqual({
      canEdit: false,
      canComment: true,
      canShare: false,
    });
    expect(SHARE_ROLES).toEqual(['editor', 'commenter', 'viewer']);
  });

  it('gives an unknown role no permissions at all', () => {
    expect(isRole('reviewer')).toBe(false);
    expect(canComment(null)).toBe(false);
    expect(permissionsOf(null)).toEqual({ canEdit: false, canComment: false, canShare: false });
  });

  it('lets only the owner share, and share links never grant ownership', () => {
    expect(ROLES.filter((r) => permissionsOf(r).canShare)).toEqual(['owner']);
    expect(SHARE_ROLES).not.toContain('owner');
  });
});
