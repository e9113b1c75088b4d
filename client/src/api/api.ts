import {
  ApiResponseError,
  canEdit,
  createdMapResponseSchema,
  decodeApiResponse,
  errorResponseSchema,
  linkListResponseSchema,
  mapListResponseSchema,
  newLinkResponseSchema,
  type ApiSchema,
  type CreatedMapResponse,
  type ListedMap,
  type NewLinkResponse,
  type ShareLink,
} from '@warrant/shared';

/**
 * The relay's HTTP API, its answers decoded with the shared protocol's schemas
 * (shared/src/protocol/api.ts): an answer this build does not understand is an Error saying
 * so, never a half-read object.
 */

/** A map as the relay lists it (`GET /api/maps`). */
export type MapSummary = ListedMap & {
  /** Never sent: the relay lists only public maps and does not mark the sample. */
  sample?: never;
};

/** A map just created, with the owner's token, which the relay shows only this once. */
export type CreatedMap = CreatedMapResponse & {
  /** Never sent: the owner's token is `ownerToken`. */
  token?: never;
};

/** The body of a failed answer, read for its message; the status line says enough if none. */
async function failure(response: Response, doing: string): Promise<Error> {
  let detail = '';
  try {
    const body = errorResponseSchema.safeParse(await response.json());
    if (body.success) detail = body.data.error;
  } catch {
    // Not JSON: the status line says enough.
  }
  return new Error(`${doing} failed (${response.status}${detail ? `: ${detail}` : ''}).`);
}

/** A successful answer decoded by its schema; anything else throws, saying what it was. */
async function answer<T>(response: Response, schema: ApiSchema<T>, doing: string): Promise<T> {
  if (!response.ok) throw await failure(response, doing);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiResponseError(['body: not JSON'], doing);
  }
  return decodeApiResponse(schema, body, doing);
}

/** `POST /api/maps {title}`: the relay creates the map's document and returns its id. */
export async function createMapOnRelay(title: string): Promise<CreatedMap> {
  const response = await fetch('/api/maps', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return answer(response, createdMapResponseSchema, 'Creating the map');
}

/** `GET /api/maps`: the maps open to everyone on this relay (the sample among them). */
export async function listMapsOnRelay(): Promise<MapSummary[]> {
  const response = await fetch('/api/maps');
  return (await answer(response, mapListResponseSchema, 'Listing maps')).maps;
}

export type { Role } from '@warrant/shared';

/** A share link as the owner sees it in the list (the token is shown only once, at creation). */
export type LinkInfo = ShareLink;

/** A share link just made, with its token. */
export type NewLink = NewLinkResponse;

function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * Whether a role may change the map: owners and editors. Not viewers, not an unknown role
 * (not said yet, or one this build does not know, such as a future commenter).
 */
export const canEditAs = canEdit;

export async function listLinks(mapId: string, token: string): Promise<LinkInfo[]> {
  const response = await fetch(`/api/maps/${encodeURIComponent(mapId)}/links`, {
    headers: bearer(token),
  });
  return (await answer(response, linkListResponseSchema, 'Listing share links')).links;
}

export async function createLink(
  mapId: string,
  token: string,
  role: 'editor' | 'viewer',
): Promise<NewLink> {
  const response = await fetch(`/api/maps/${encodeURIComponent(mapId)}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify({ role }),
  });
  return answer(response, newLinkResponseSchema, 'Creating the link');
}

export async function revokeLink(mapId: string, token: string, linkId: string): Promise<void> {
  const response = await fetch(
    `/api/maps/${encodeURIComponent(mapId)}/links/${encodeURIComponent(linkId)}`,
    { method: 'DELETE', headers: bearer(token) },
  );
  if (!response.ok) throw await failure(response, 'Revoking the link');
}
