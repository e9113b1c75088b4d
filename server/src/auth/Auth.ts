/**
 * The auth seam: share links and the roles they grant. The relay resolves a token to
 * `{ mapId, role }` and enforces the role itself (the UI hiding a button is no enforcement).
 *
 * Roles (named in `@warrant/shared`'s protocol module), from most to least power:
 * - `owner`: everything, including creating and revoking share links (one per map, made
 *   with it and handed to its creator once);
 * - `editor`: reads and writes the map (and its review document);
 * - `commenter`: reads the map, writes only its review document (comments, marks,
 *   suggestions) at `/sync/<mapId>/review`;
 * - `viewer`: reads the map, its review document and presence, never writes.
 */
export { SHARE_ROLES, type Role, type ShareRole } from '@warrant/shared';
import { canEdit, type Role, type ShareRole } from '@warrant/shared';

/** Whether a role may write the map (the relay's write gate). */
export function canWrite(role: Role): boolean {
  return canEdit(role);
}

/** A link as listed to the owner: never its token. */
export interface LinkInfo {
  readonly id: string;
  readonly mapId: string;
  readonly role: Role;
  readonly createdAt: number;
  /** When it was revoked, or null while it works. */
  readonly revokedAt: number | null;
  /**
   * Whom it was handed to (a student's name, given when they joined an assignment), or
   * null. The relay sets it, so it is a trustworthy name for what the link's holder does.
   */
  readonly label: string | null;
}

/** A link as created: the only moment its token exists outside the person's hands. */
export interface NewLink extends LinkInfo {
  readonly token: string;
}

/** What a valid token grants. */
export interface Grant {
  readonly mapId: string;
  readonly role: Role;
  readonly linkId: string;
}

export interface AuthStore {
  /** Makes a link for `mapId` with `role` (and whom it is for) and returns it with its token. */
  createLink(mapId: string, role: Role, label?: string | null): Promise<NewLink>;
  /** The map's links (owner link included), oldest first, without tokens. */
  listLinks(mapId: string): Promise<LinkInfo[]>;
  /** Revokes a link of that map; false if there is no such link (or it is another map's). */
  revokeLink(mapId: string, linkId: string): Promise<boolean>;
  /** What a token grants, or null for an unknown, malformed or revoked token. */
  resolve(token: string): Promise<Grant | null>;
  /**
   * Makes a map open to everyone on this relay with `role`, no token needed (or private
   * again with null). Used for the sample map, so a fresh install shows it to anyone.
   */
  setPublicRole(mapId: string, role: ShareRole | null): Promise<void>;
  /** The role anyone has on the map without a token, or null if it is private. */
  publicRole(mapId: string): Promise<ShareRole | null>;
  /** Ids of the maps open to everyone. */
  publicMaps(): Promise<string[]>;
  /** Removes every link of a map (the map was deleted). */
  deleteMap(mapId: string): Promise<void>;
  close(): Promise<void>;
}
