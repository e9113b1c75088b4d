const DEVICE_KEY = 'warrant.device';

/**
 * This browser's stable id: minted once at random and kept in localStorage. It says which
 * comments, marks and suggestions are "one's own" (the review layer's `ReviewAuthor.id`); a
 * name cannot, since two people may share one, and a person may rename themselves.
 */
export function deviceId(
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  random: () => string = () => crypto.randomUUID(),
): string {
  const stored = storage.getItem(DEVICE_KEY)?.trim();
  if (stored) return stored;
  const id = random();
  storage.setItem(DEVICE_KEY, id);
  return id;
}
