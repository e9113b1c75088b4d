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
