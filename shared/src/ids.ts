/**
 * Record ids are random and unguessable (96 bits from the platform CSPRNG, base64url), never
 * sequential: two people offline never mint the same id, and an id reveals nothing about
 * how many records exist or who made them.
 */
export function newId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}

/** Ids are opaque strings; the aliases document which record an id names. */
export type ClaimId = string;
export type RelationId = string;
export type SourceId = string;
export type PassageId = string;
