import { isRole, type Role } from './roles.ts';

/**
 * The body of `MessageType.Grant`: the role the relay resolved for this connection's token.
 * An object, not a bare role, so later fields (a commenter's scope, an expiry) can be added
 * without a new message type; readers ignore fields they do not know.
 *
 * Checked by hand rather than with a zod schema: the client reads it in the entry module's
 * graph (`client/src/boot.ts`), which opens the socket before the app's code, and zod there
 * is ~95 KB compiled and run before the map's socket can open.
 */

export function encodeGrantBody(role: Role): string {
  return JSON.stringify({ role });
}

/**
 * The role a grant message names, or null when it names one this build does not know (a
 * newer relay's role: nothing is offered until this build learns it). Throws on a body that
 * is not a grant at all, which only a broken relay sends.
 */
export function decodeGrantBody(text: string): Role | null {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('a grant is a JSON object');
  }
  const role: unknown = (parsed as { role?: unknown }).role;
  if (typeof role !== 'string') throw new TypeError("a grant's role is a string");
  return isRole(role) ? role : null;
}
