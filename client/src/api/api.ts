import { canEdit, isRole, type Role } from '@warrant/shared';

/** A map as the relay's API lists it. */
export interface MapSummary {
  id: string;
  title: string;
  createdAt?: number;
  sample?: boolean;
}

export interface CreatedMap extends MapSummary {
  /** The owner's token, when the relay issues one (share links and roles). */
  token?: string;
  ownerToken?: string;
}

async function failure(response: Response, doing: string): Promise<Error> {
  let detail = '';
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'error' in body) {
      const error = (body as { error: unknown }).error;
      detail = typeof error === 'string' ? error : JSON.stringify(error);
    }
  } catch {
    // Not JSON: the status line says enough.
  }
  return new Error(`${doing} failed (${response.status}${detail ? `: ${detail}` : ''}).`);
}

/** `POST /api/maps {title}`: the relay creates the map's document and returns its id. */
export async function createMapOnRelay(title: string): Promise<CreatedMap> {
  const response = await fetch('/api/maps', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (!response.ok) throw await failure(response, 'Creating the map');
  return (await response.json()) as CreatedMap;
}

/** `GET /api/maps`: the maps this relay holds (the sample among them). */
export async function listMapsOnRelay(): Promise<MapSummary[]> {
  const response = await fetch('/api/maps');
  if (!response.ok) throw await failure(response, 'Listing maps');
  const body: unknown = await response.json();
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && 'maps' in body && Array.isArray(body.maps)
      ? (body.maps as unknown[])
      : [];
  return list.filter(
    (m): m is MapSummary =>
      !!m && typeof m === 'object' && typeof (m as MapSummary).id === 'string',
  );
}

export type { Role } from '@warrant/shared';

/** A share link as the owner sees it in the list (the token is shown only once, at creation). */
export interface LinkInfo {
  id: string;
  role: Role;
  createdAt?: number | string;
  revokedAt?: number | string | null;
}

export interface NewLink extends LinkInfo {
  token: string;
}

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
  if (!response.ok) throw await failure(response, 'Listing share links');
  const body: unknown = await response.json();
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && 'links' in body && Array.isArray(body.links)
      ? (body.links as unknown[])
      : [];
  return list.filter(
    (l): l is LinkInfo =>
      !!l &&
      typeof l === 'object' &&
      typeof (l as LinkInfo).id === 'string' &&
      isRole((l as LinkInfo).role),
  );
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
  if (!response.ok) throw await failure(response, 'Creating the link');
  return (await response.json()) as NewLink;
}

export async function revokeLink(mapId: string, token: string, linkId: string): Promise<void> {
  const response = await fetch(
    `/api/maps/${encodeURIComponent(mapId)}/links/${encodeURIComponent(linkId)}`,
    { method: 'DELETE', headers: bearer(token) },
  );
  if (!response.ok) throw await failure(response, 'Revoking the link');
}
