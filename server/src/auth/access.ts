import type { AuthStore, Role } from './Auth.ts';

/** What a caller holding `token` (or none) may do on a map, or why it may do nothing. */
export type Access =
  | { readonly granted: true; readonly role: Role; readonly linkId: string | null }
  | { readonly granted: false; readonly why: Denial };

/**
 * - `no-map`: there is no such map (told before anything about tokens, which would say
 *   nothing useful about a map that does not exist);
 * - `no-token`: the map is private and no token came with the request;
 * - `bad-token`: the token is unknown, malformed or revoked;
 * - `other-map`: the token is valid, for another map.
 */
export type Denial = 'no-map' | 'no-token' | 'bad-token' | 'other-map';

export interface AccessDeps {
  auth: AuthStore;
  /** Whether a map exists (the storage's metadata, not its document). */
  mapExists(mapId: string): Promise<boolean>;
}

/**
 * The one answer to "what may this token do on this map?", for REST routes and sync
 * connections alike: each words a denial its own way (an HTTP status, a close code), but
 * both decide it here.
 */
export async function roleFor(
  { auth, mapExists }: AccessDeps,
  mapId: string,
  token: string | null,
): Promise<Access> {
  if (!(await mapExists(mapId))) return { granted: false, why: 'no-map' };
  if (token === null) {
    const role = await auth.publicRole(mapId);
    return role ? { granted: true, role, linkId: null } : { granted: false, why: 'no-token' };
  }
  const grant = await auth.resolve(token);
  if (!grant) return { granted: false, why: 'bad-token' };
  if (grant.mapId !== mapId) return { granted: false, why: 'other-map' };
  return { granted: true, role: grant.role, linkId: grant.linkId };
}
