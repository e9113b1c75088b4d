import type { AuthStore, Grant, Role } from './Auth.ts';

/** What a caller holding `token` (or none) may do on a map, or why it may do nothing. */
export type Access =
  | { readonly granted: true; readonly role: Role; readonly linkId: string | null }
  | { readonly granted: false; readonly why: Denial };

/**
 * - `no-map`: there is no such map (told before anything about tokens, which would say
 *   nothing useful about a map that does not exist);
 * - `no-token`: the map is private and no token came with the request;
 * - `bad-token`: the token is unknown, malformed or revoked;
 * - `other-map`: the token is valid, for another map;
 * - `not-released`: the token is a student's on their assignment copy, asking for its review
 *   document (the instructor's comments and marks) before the instructor released feedback.
 */
export type Denial = 'no-map' | 'no-token' | 'bad-token' | 'other-map' | 'not-released';

/** Which of a map's two documents is asked for: the map, or its review document. */
export type Layer = 'map' | 'review';

/**
 * Grants that reach across maps, from the classroom: an assignment's instructor token is a
 * link on the template map, and owns every copy of the assignment too; a student's link on
 * their copy does not open the copy's review document until feedback is released.
 */
export interface CrossMapAccess {
  /** The role `grant` (a link on another map) has on `mapId`, or null for none. */
  roleVia(grant: Grant, mapId: string): Promise<Role | null>;
  /** Whether `mapId`'s review document is closed to the holder of `linkId` for now. */
  reviewClosed(linkId: string, mapId: string): Promise<boolean>;
}

export interface AccessDeps {
  auth: AuthStore;
  /** Whether a map exists (the storage's metadata, not its document). */
  mapExists(mapId: string): Promise<boolean>;
  /** Grants across maps (the classroom's); without it a token opens its own map only. */
  crossMap?: CrossMapAccess;
}

/**
 * The one answer to "what may this token do on this map?", for REST routes and sync
 * connections alike: each words a denial its own way (an HTTP status, a close code), but
 * both decide it here.
 */
export async function roleFor(
  { auth, mapExists, crossMap }: AccessDeps,
  mapId: string,
  token: string | null,
  layer: Layer = 'map',
): Promise<Access> {
  if (!(await mapExists(mapId))) return { granted: false, why: 'no-map' };
  if (token === null) {
    const role = await auth.publicRole(mapId);
    return role ? { granted: true, role, linkId: null } : { granted: false, why: 'no-token' };
  }
  const grant = await auth.resolve(token);
  if (!grant) return { granted: false, why: 'bad-token' };
  if (grant.mapId !== mapId) {
    const via = crossMap ? await crossMap.roleVia(grant, mapId) : null;
    return via
      ? { granted: true, role: via, linkId: grant.linkId }
      : { granted: false, why: 'other-map' };
  }
  if (layer === 'review' && crossMap && (await crossMap.reviewClosed(grant.linkId, mapId))) {
    return { granted: false, why: 'not-released' };
  }
  return { granted: true, role: grant.role, linkId: grant.linkId };
}
