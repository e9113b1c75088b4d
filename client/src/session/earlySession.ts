import * as Y from 'yjs';
import { MapConnection } from '../sync/MapConnection.ts';

/**
 * A map's doc and connection opened by the entry module, for the map page's `MapSession` to
 * take over. Only the transport: the session's read models, undo and presence belong to the
 * app's code, so the entry's module graph holds Yjs and the sync code but not the model's
 * records and their validators (zod), which would be compiled and run before the socket opens.
 */
export interface EarlyConnection {
  doc: Y.Doc;
  connection: MapConnection;
}

interface Early extends EarlyConnection {
  mapId: string;
  token: string | undefined;
}

let early: Early | null = null;

/**
 * Opens a map's connection (its device copy and its socket, in parallel) before the UI's
 * code has loaded, so the relay's answer travels while that code is fetched and evaluated;
 * the map page takes it over (`takeEarlyConnection`). Started by `boot.ts`.
 */
export function openEarly(mapId: string, token: string | undefined): void {
  const doc = new Y.Doc();
  const connection = new MapConnection(doc, { mapId, ...(token ? { token } : {}) });
  early = { mapId, token, doc, connection };
}

/**
 * The connection `openEarly` started, if it is for this map and link and nobody has taken it
 * yet: handed over once, after which the taker owns (and destroys) it. Any other open finds
 * none and opens its own; a connection nobody asked for is closed.
 */
export function takeEarlyConnection(
  mapId: string,
  token: string | undefined,
): EarlyConnection | null {
  const found = early;
  early = null;
  if (!found) return null;
  if (found.mapId === mapId && found.token === token) return found;
  found.connection.destroy();
  found.doc.destroy();
  return null;
}
