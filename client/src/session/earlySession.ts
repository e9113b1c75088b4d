import type { Identity } from '../device/identity.ts';
import { MapSession } from './MapSession.ts';

/** A map's session opened by the entry module, and its `ready()` already under way. */
export interface StartedSession {
  session: MapSession;
  ready: Promise<void>;
}

interface Early extends StartedSession {
  mapId: string;
  name: string;
  token: string | undefined;
}

let early: Early | null = null;

/**
 * Opens a map's session (its device copy and its socket, in parallel) before the UI's code
 * has loaded, so the relay's answer travels while that code is fetched and evaluated; the
 * map page takes it over (`takeEarlySession`). Started by `boot.ts`.
 */
export function openEarly(mapId: string, me: Identity, token: string | undefined): void {
  const session = new MapSession(mapId, me, token ? { token } : {});
  const ready = session.ready();
  // Whoever takes the session over handles a failure; until then it is not unhandled.
  ready.catch(() => undefined);
  early = { mapId, name: me.name, token, session, ready };
}

/**
 * The session `openEarly` started, if it is for this map, person and link, and nobody has
 * taken it yet: handed over once, after which the taker owns (and destroys) it. Any other
 * open finds none and opens its own; a session nobody asked for is closed.
 */
export function takeEarlySession(
  mapId: string,
  name: string,
  token: string | undefined,
): StartedSession | null {
  const found = early;
  early = null;
  if (!found) return null;
  if (found.mapId === mapId && found.name === name && found.token === token) return found;
  found.session.destroy();
  return null;
}
