/**
 * What to tell a person when the relay closes the connection for good. The relay names its
 * codes (server/src/protocol/constants.ts) with reasons written for developers; these say
 * what happened and what to do next. Unknown codes fall back to the relay's own reason.
 */
const MESSAGES: Record<number, string> = {
  4401: 'This map needs a share link. Ask the map’s owner for one, then open it.',
  4403: 'The share link you used was revoked by the map’s owner. Ask them for a new link.',
  4404: 'There is no map at this address. Check the link, or go back to your maps.',
  4426: 'Warrant was updated while this page was open. Reload the page to get the new version.',
};

/** Codes after which reloading the page is the fix. */
export const RELOAD_CODES: ReadonlySet<number> = new Set([4426]);

export function describeClose(code: number, reason: string): string {
  return MESSAGES[code] ?? (reason || `The server refused this map (code ${code}).`);
}
