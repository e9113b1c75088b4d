import { CloseCodes } from '@warrant/shared';

/**
 * What to tell a person when the relay closes the connection for good. The relay names its
 * codes (`@warrant/shared`, protocol/wire.ts) with reasons written for developers; these say
 * what happened and what to do next. Unknown codes fall back to the relay's own reason.
 */
const MESSAGES: Record<number, string> = {
  [CloseCodes.Unauthorized.code]:
    'This map needs a share link. Ask the map’s owner for one, then open it.',
  [CloseCodes.LinkRevoked.code]:
    'The share link you used was revoked by the map’s owner. Ask them for a new link.',
  [CloseCodes.MapNotFound.code]:
    'There is no map at this address. Check the link, or go back to your maps.',
  [CloseCodes.FeedbackNotReleased.code]:
    'Comments on this copy appear once your instructor releases their feedback.',
  [CloseCodes.ClientTooOld.code]:
    'Warrant was updated while this page was open. Reload the page to get the new version.',
};

/** Codes after which reloading the page is the fix. */
export const RELOAD_CODES: ReadonlySet<number> = new Set([CloseCodes.ClientTooOld.code]);

export function describeClose(code: number, reason: string): string {
  return MESSAGES[code] ?? (reason || `The server refused this map (code ${code}).`);
}
