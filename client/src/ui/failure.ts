/**
 * How Warrant words a failure for a person, in one place so every notice and inline error
 * reads alike: what did not happen, why (the error's own message: the model and the relay's
 * API write theirs for people), and what to do next.
 *
 * `failureText(error, { what: 'Could not connect them', next: 'Try again.' })` reads
 * "Could not connect them: <why> Try again."
 */
export function failureText(
  error: unknown,
  { what, next }: { what?: string; next?: string } = {},
): string {
  const why = errorMessage(error);
  return [what ? `${what}: ${why}` : why, next].filter(Boolean).join(' ');
}

/** Why something failed, in the thrown error's own words. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What next after an action on the map failed: someone may have changed what it acted on. */
export const MAP_MAY_HAVE_CHANGED = 'The map may have just changed; try again.';
