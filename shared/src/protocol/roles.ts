/**
 * What a token may do on a map, from most to least power. The relay enforces it; the client
 * only follows it. A `commenter` may write the review layer (comments, marks, suggestions)
 * but not the map: the relay's write gate is `canEdit` on a map's room and `canComment` on
 * its review room (`/sync/<mapId>/review`).
 */
export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a share link can grant (owner links are made only with the map). */
export const SHARE_ROLES = ['editor', 'commenter', 'viewer'] as const satisfies readonly Role[];
export type ShareRole = (typeof SHARE_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a role lets its holder do. */
export interface Permissions {
  /** Change the map itself (claims, relations, sources, title). */
  readonly canEdit: boolean;
  /** Write review data (comments, marks, suggestions): everyone but a viewer. */
  readonly canComment: boolean;
  /** Create and revoke share links. */
  readonly canShare: boolean;
}

const NONE: Permissions = { canEdit: false, canComment: false, canShare: false };

/** Permissions of a role; an unknown role (null, or one this build does not know) gets none. */
export function permissionsOf(role: Role | null): Permissions {
  switch (role) {
    case 'owner':
      return { canEdit: true, canComment: true, canShare: true };
    case 'editor':
      return { canEdit: true, canComment: true, canShare: false };
    case 'commenter':
      return { canEdit: false, canComment: true, canShare: false };
    case 'viewer':
    case null:
      return NONE;
  }
}

/** Whether a role may change the map: owners and editors, never a commenter, a viewer or an unknown role. */
export function canEdit(role: Role | null): boolean {
  return permissionsOf(role).canEdit;
}

/** Whether a role may write the review layer: all but viewers and unknown roles. */
export function canComment(role: Role | null): boolean {
  return permissionsOf(role).canComment;
}
