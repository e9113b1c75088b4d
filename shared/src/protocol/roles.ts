/**
 * What a token may do on a map, from most to least power. The relay enforces it; the client
 * only follows it. A `commenter` (may comment, may not edit) will slot in between editor and
 * viewer: `Permissions.canComment` is there for it.
 */
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a share link can grant (owner links are made only with the map). */
export const SHARE_ROLES = ['editor', 'viewer'] as const satisfies readonly Role[];
export type ShareRole = (typeof SHARE_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a role lets its holder do. */
export interface Permissions {
  /** Change the map itself (claims, relations, sources, title). */
  readonly canEdit: boolean;
  /** Write review data (comments). No role differs from `canEdit` yet; a commenter will. */
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
    case 'viewer':
    case null:
      return NONE;
  }
}

/** Whether a role may change the map: owners and editors, never a viewer or an unknown role. */
export function canEdit(role: Role | null): boolean {
  return permissionsOf(role).canEdit;
}
