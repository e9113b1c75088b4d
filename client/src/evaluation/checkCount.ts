import type { MapChecks } from '@warrant/shared';

/** How many things the checks found, for the toolbar toggle's "Checks (n)". */
export function checkCount(checks: MapChecks): number {
  return (
    checks.unsupported.length +
    checks.unanswered.length +
    checks.circular.length +
    checks.orphanedOnly.length +
    checks.brokenReasons.length
  );
}
