/** A reference map named by what a person pastes: its id, and the token its link carries. */
export interface ReferenceLink {
  mapId: string;
  token?: string;
}

const MAP_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAP_PATH = /\/maps\/([A-Za-z0-9_-]{1,64})\/?$/;

/**
 * Reads a pasted reference: a map's address (`https://host/maps/ID#token=…`, the Share
 * dialog's links), its path (`/maps/ID`), or its bare id. Null for anything else.
 */
export function parseReferenceLink(input: string): ReferenceLink | null {
  const text = input.trim();
  if (MAP_ID.test(text)) return { mapId: text };
  let url: URL;
  try {
    url = new URL(text, 'http://paste.invalid');
  } catch {
    return null;
  }
  const match = MAP_PATH.exec(url.pathname);
  if (!match?.[1]) return null;
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  return token ? { mapId: match[1], token } : { mapId: match[1] };
}
