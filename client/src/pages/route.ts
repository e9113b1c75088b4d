/** The app's two places: the home page and one open map. */
export type Route = { page: 'home' } | { page: 'map'; mapId: string; token?: string };

const MAP_PATH = /^\/maps\/([A-Za-z0-9_-]{1,64})\/?$/;

/**
 * Reads a URL. A token rides in the fragment (`#token=…`), which browsers never send to a
 * server, so share links do not leak into logs or Referer headers.
 */
export function parseRoute(location: Pick<Location, 'pathname' | 'hash'>): Route {
  const match = MAP_PATH.exec(location.pathname);
  if (!match?.[1]) return { page: 'home' };
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? undefined;
  return token ? { page: 'map', mapId: match[1], token } : { page: 'map', mapId: match[1] };
}

export function mapPath(mapId: string, token?: string): string {
  return `/maps/${encodeURIComponent(mapId)}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}
