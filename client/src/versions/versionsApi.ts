import {
  diffResponseSchema,
  jsonExportResponseSchema,
  newVersionResponseSchema,
  restoreResponseSchema,
  versionListResponseSchema,
  type ApiSchema,
  type DiffResponse,
  type MapJson,
  type RestoreResponse,
  type VersionInfo,
} from '@warrant/shared';
import { call as request } from '../api/request.ts';

/**
 * The relay's versions routes (server/README.md, "Versions and diffs"), answers decoded with
 * the shared protocol's schemas like every other call in `api/`.
 */

/** A GET, or a POST of `body`, answered as `schema` says (api/request.ts). */
function call<T>(
  path: string,
  token: string | undefined,
  schema: ApiSchema<T>,
  doing: string,
  body?: unknown,
): Promise<T> {
  return request(path, schema, { doing, token, body, method: body === undefined ? 'GET' : 'POST' });
}

const base = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}`;

export async function listVersions(mapId: string, token?: string): Promise<VersionInfo[]> {
  return (
    await call(`${base(mapId)}/versions`, token, versionListResponseSchema, 'Listing versions')
  ).versions;
}

export function saveVersion(
  mapId: string,
  token: string | undefined,
  name: string,
  author: string,
): Promise<VersionInfo> {
  return call(`${base(mapId)}/versions`, token, newVersionResponseSchema, 'Saving the version', {
    name,
    author,
  });
}

export function restoreVersionOnRelay(
  mapId: string,
  token: string | undefined,
  versionId: string,
): Promise<RestoreResponse> {
  return call(
    `${base(mapId)}/versions/${encodeURIComponent(versionId)}/restore`,
    token,
    restoreResponseSchema,
    'Restoring the version',
    {},
  );
}

/** What changed from the version to the map as the relay has it now. */
export function diffWithNow(
  mapId: string,
  token: string | undefined,
  versionId: string,
): Promise<DiffResponse> {
  return call(
    `${base(mapId)}/diff?from=${encodeURIComponent(versionId)}&to=current`,
    token,
    diffResponseSchema,
    'Comparing with the version',
  );
}

/** The version's JSON form, to open it read-only. */
export function versionJson(
  mapId: string,
  token: string | undefined,
  versionId: string,
): Promise<MapJson> {
  return call(
    `${base(mapId)}/versions/${encodeURIComponent(versionId)}/export?format=json`,
    token,
    jsonExportResponseSchema as ApiSchema<MapJson>,
    'Opening the version',
  );
}
