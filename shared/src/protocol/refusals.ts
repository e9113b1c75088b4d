/**
 * Reasons the relay sends in y-protocols' auth "permission denied" message when it refuses a
 * write. Each starts with its kind, so a client can tell a lasting refusal from one that may
 * lift on the next connection.
 */
export const WriteRefusal = {
  /** The connection's role may not write; it stays so for this link. */
  ReadOnly: 'read-only: this share link may view the map but not change it',
  /** The connection's role may not write review data (comments, marks, suggestions). */
  NoComment: 'read-only: this share link may view the map and its comments but not comment',
  /** Storage cannot take writes; lifts once the relay can save again. */
  StorageUnavailable:
    'storage unavailable: the relay cannot save edits right now; your changes stay on your device and are sent when it can',
} as const;

/** Whether a refusal holds for as long as this link is used (not just this connection). */
export function isLastingRefusal(reason: string): boolean {
  return reason.startsWith('read-only');
}
