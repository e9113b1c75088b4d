import { isRole, type Role } from '@warrant/shared';
import { linkFingerprint } from './fingerprint.ts';

/**
 * The last role the relay reported for a map on this device, so a person who could edit a
 * map can still edit it when they open it offline (the edits wait in IndexedDB). Kept per
 * map and per link: another link to the same map (a viewer link opened later) does not
 * inherit it. The relay still enforces roles; this only decides what the UI offers.
 */
interface Remembered {
  role: Role;
  /** A fingerprint of the page's token ('' without one); the token itself is not copied. */
  link: string;
}

const KEY = 'warrant.roles';
const LIMIT = 100;

function readAll(storage: Pick<Storage, 'getItem'>): [string, Remembered][] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (e): e is [string, Remembered] =>
        Array.isArray(e) &&
        typeof e[0] === 'string' &&
        !!e[1] &&
        typeof e[1] === 'object' &&
        isRole((e[1] as Remembered).role) &&
        typeof (e[1] as Remembered).link === 'string',
    );
  } catch {
    return [];
  }
}

export function rememberedRole(
  mapId: string,
  token: string | undefined,
  storage: Pick<Storage, 'getItem'> = localStorage,
): Role | null {
  const entry = readAll(storage).find(([id]) => id === mapId)?.[1];
  return entry && entry.link === linkFingerprint(token) ? entry.role : null;
}

/** Records what the relay said (null: it refused the link, so nothing is remembered). */
export function rememberRole(
  mapId: string,
  token: string | undefined,
  role: Role | null,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): void {
  const rest = readAll(storage).filter(([id]) => id !== mapId);
  const next = role ? [[mapId, { role, link: linkFingerprint(token) }], ...rest] : rest;
  storage.setItem(KEY, JSON.stringify(next.slice(0, LIMIT)));
}
