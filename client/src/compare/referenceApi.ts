import {
  comparableMap,
  decodeApiResponse,
  errorResponseSchema,
  importMap,
  jsonExportResponseSchema,
  prepareReference,
  type ApiSchema,
  type MapJson,
  type PreparedReference,
} from '@warrant/shared';
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
  let response: Response;
  try {
    response = await fetch(`/api/maps/${encodeURIComponent(link.mapId)}/export?format=json`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new Error(
      `${doing} failed: the Warrant server could not be reached. Try again once online.`,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const refusal = errorResponseSchema.safeParse(body);
    const why = refusal.success ? `: ${refusal.data.error}` : '';
    const hint =
      response.status === 401 || response.status === 403
        ? ' Paste the reference’s full share link (it carries its token).'
        : '';
    throw new Error(`${doing} failed (${response.status}${why}).${hint}`);
  }
  const json = decodeApiResponse(jsonExportResponseSchema as ApiSchema<MapJson>, body, doing);
  const { doc } = importMap(json);
  try {
    return { mapId: link.mapId, title: json.title, prepared: prepareReference(comparableMap(doc)) };
  } finally {
    doc.destroy();
  }
}
