import { CliFailure } from './args.ts';

/** A relay's answer that is not a success, as one line: the status and the relay's words. */
export async function relayFailure(res: Response, what: string): Promise<CliFailure> {
  let said = '';
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') said = body.error;
  } catch {
    // Not JSON: the status says enough.
  }
  const next =
    res.status === 401 || res.status === 403
      ? ' Pass the map’s owner or share-link token with --token.'
      : '';
  return new CliFailure(
    `${what} failed: the relay answered ${res.status}${said ? `: ${said}` : '.'}${next}`,
  );
}

/** `fetch` to the relay; a relay that cannot be reached is a `CliFailure` saying so. */
export async function callRelay(url: URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const why = typeof cause?.code === 'string' ? cause.code : String(cause?.message ?? error);
    throw new CliFailure(
      `Could not reach the relay at ${url.origin} (${why}). Check it is running and the --url is right.`,
    );
  }
}

/** `path` under the relay's address (which may itself sit under a path prefix). */
export function relayUrl(base: URL, path: string): URL {
  const root = base.href.endsWith('/') ? base.href : `${base.href}/`;
  return new URL(path.replace(/^\//, ''), root);
}
