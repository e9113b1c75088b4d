import { createHash, randomBytes } from 'node:crypto';

/**
 * Share tokens carry 256 bits from the OS CSPRNG (base64url, 43 characters): far past the
 * 128 bits that make guessing hopeless. Only their SHA-256 is stored, so a copy of the
 * database grants no access; a slow password hash is not needed for secrets this random.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Public link ids (for listing and revoking) are random too, and unrelated to the token. */
export function newLinkId(): string {
  return randomBytes(9).toString('base64url');
}

/** Tokens look like this; anything else is refused before any hashing or lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
