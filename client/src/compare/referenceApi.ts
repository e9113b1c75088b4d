import {
  comparableMap,
  importMap,
  jsonExportResponseSchema,
  prepareReference,
  type ApiSchema,
  type MapJson,
  type PreparedReference,
} from '@warrant/shared';
import { ApiRequestError, call } from '../api/request.ts';
import { readRecent } from '../device/recentMaps.ts';
import type { ReferenceLink } from './referenceLink.ts';

/** A reference map read for comparing: its title and its claims, reasons and citations. */
export interface LoadedReference {
  mapId: string;
  title: string;
  prepared: PreparedReference;
}

/**
 * Fetches the reference map as the relay has it (its JSON export) with the token its link
 * carried, else the token this device keeps for that map (a map made here), else none (a
 * public map), and reads it for comparing; the document is dropped once read. Comparing
 * then runs here, on this map as it is now, so the marks follow every edit at once.
 */
export async function loadReference(link: ReferenceLink): Promise<LoadedReference> {
  const token = link.token ?? readRecent().find((m) => m.id === link.mapId)?.token;
  const doing = 'Opening the reference map';
  let json: MapJson;
  try {
    json = await call(
      `/api/maps/${encodeURIComponent(link.mapId)}/export?format=json`,
      jsonExportResponseSchema as ApiSchema<MapJson>,
      { doing, token },
    );
  } catch (e) {
    if (e instanceof ApiRequestError && (e.status === 401 || e.status === 403)) {
      throw new Error(`${e.message} Paste the reference’s full share link (it carries its token).`);
    }
    throw e;
  }
  const { doc } = importMap(json);
  try {
    return { mapId: link.mapId, title: json.title, prepared: prepareReference(comparableMap(doc)) };
  } finally {
    doc.destroy();
  }
}
