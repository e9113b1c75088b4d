/**
 * The app's places: the home page, one open map (`grading`: the assignment whose copy the
 * instructor grades beside it), an assignment's join page and its dashboard.
 */
export type Route =
  | { page: 'home' }
  | { page: 'map'; mapId: string; token?: string; grading?: string }
  | { page: 'join'; assignmentId: string }
  | { page: 'assignment'; assignmentId: string; token?: string };

const MAP_PATH = /^\/maps\/([A-Za-z0-9_-]{1,64})\/?$/;
const JOIN_PATH = /^\/join\/([A-Za-z0-9_-]{1,64})\/?$/;
const ASSIGNMENT_PATH = /^\/assignments\/([A-Za-z0-9_-]{1,64})\/?$/;

/**
 * Reads a URL. A token rides in the fragment (`#token=…`), which browsers never send to a
 * server, so share links do not leak into logs or Referer headers.
 */
export function parseRoute(location: Pick<Location, 'pathname' | 'hash'>): Route {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token') || undefined;
  const join = JOIN_PATH.exec(location.pathname)?.[1];
  if (join) return { page: 'join', assignmentId: join };
  const assignment = ASSIGNMENT_PATH.exec(location.pathname)?.[1];
  if (assignment)
    return { page: 'assignment', assignmentId: assignment, ...(token ? { token } : {}) };
  const match = MAP_PATH.exec(location.pathname);
  if (!match?.[1]) return { page: 'home' };
  const grading = fragment.get('grading') || undefined;
  return {
    page: 'map',
    mapId: match[1],
    ...(token ? { token } : {}),
    ...(grading ? { grading } : {}),
  };
}

/** A map's URL; `grading` opens the assignment's grading panel beside the copy. */
export function mapPath(mapId: string, token?: string, grading?: string): string {
  const hash = [
    ...(token ? [`token=${encodeURIComponent(token)}`] : []),
    ...(grading ? [`grading=${encodeURIComponent(grading)}`] : []),
  ].join('&');
  return `/maps/${encodeURIComponent(mapId)}${hash ? `#${hash}` : ''}`;
}

/** An assignment's join page, where `joinUrl` points. */
export function joinPath(assignmentId: string): string {
  return `/join/${encodeURIComponent(assignmentId)}`;
}

/** An assignment's dashboard (the instructor token is kept on the device, or in `#token=`). */
export function assignmentPath(assignmentId: string, token?: string): string {
  return `/assignments/${encodeURIComponent(assignmentId)}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}
