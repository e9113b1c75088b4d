/** A map opened on this device, for the home page's "Recent maps". */
export interface RecentMap {
  id: string;
  title: string;
  openedAt: number;
  token?: string;
}

const KEY = 'warrant.recent';
const LIMIT = 20;

export function readRecent(storage: Pick<Storage, 'getItem'> = localStorage): RecentMap[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (m): m is RecentMap =>
        !!m &&
        typeof m === 'object' &&
        typeof (m as RecentMap).id === 'string' &&
        typeof (m as RecentMap).title === 'string' &&
        typeof (m as RecentMap).openedAt === 'number',
    );
  } catch {
    return [];
  }
}

/** Moves (or adds) a map to the top of the list; keeps a known token if none is given. */
export function rememberMap(
  entry: Omit<RecentMap, 'openedAt'>,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  now = Date.now(),
): RecentMap[] {
  const current = readRecent(storage);
  const previous = current.find((m) => m.id === entry.id);
  const token = entry.token ?? previous?.token;
  const next: RecentMap = {
    id: entry.id,
    title: entry.title || previous?.title || 'Untitled map',
    openedAt: now,
    ...(token ? { token } : {}),
  };
  const list = [next, ...current.filter((m) => m.id !== entry.id)].slice(0, LIMIT);
  storage.setItem(KEY, JSON.stringify(list));
  return list;
}

export function forgetMap(
  id: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): RecentMap[] {
  const list = readRecent(storage).filter((m) => m.id !== id);
  storage.setItem(KEY, JSON.stringify(list));
  return list;
}
