import { z } from 'zod';
import { isRole, type Role } from './roles.ts';

/**
 * The body of `MessageType.Grant`: the role the relay resolved for this connection's token.
 * An object, not a bare role, so later fields (a commenter's scope, an expiry) can be added
 * without a new message type; readers ignore fields they do not know.
 */
const grantBody = z.looseObject({ role: z.string() });

export function encodeGrantBody(role: Role): string {
  return JSON.stringify({ role });
}

/**
 * The role a grant message names, or null when it names one this build does not know (a
 * newer relay's role: nothing is offered until this build learns it). Throws on a body that
 * is not a grant at all, which only a broken relay sends.
 */
export function decodeGrantBody(text: string): Role | null {
  const parsed = grantBody.parse(JSON.parse(text));
  return isRole(parsed.role) ? parsed.role : null;
}
