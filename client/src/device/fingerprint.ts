/**
 * A short fingerprint of a link's token (FNV-1a, 32 bits): enough to tell one link from
 * another in what this device keeps per link, without copying the token itself. Not a secret.
 * '' without a token.
 */
export function linkFingerprint(token: string | undefined): string {
  if (!token) return '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
