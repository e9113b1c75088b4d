import type { PushResponse } from '@warrant/shared';

/**
 * The push's result in words: "Pushed to 3 copies; the copy that lacked most gained claims:
 * 2, sources: 1." (the relay counts additions by kind in the copy that lagged most).
 */
export function describePush(result: PushResponse): string {
  const changes = Object.entries(result.changes).filter(([, n]) => n > 0);
  const copies = `${result.copies} ${result.copies === 1 ? 'copy' : 'copies'}`;
  if (changes.length === 0)
    return `Pushed to ${copies}: each already had everything in the template.`;
  return `Pushed to ${copies}; the copy that lacked most gained ${changes.map(([kind, n]) => `${kind}: ${n}`).join(', ')}.`;
}
