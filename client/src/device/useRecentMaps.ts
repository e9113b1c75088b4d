import { useCallback, useState } from 'react';
import { forgetMap, readRecent, rememberMap, type RecentMap } from './recentMaps.ts';

export function useRecentMaps(): {
  recent: RecentMap[];
  forget: (id: string) => void;
  remember: (entry: Omit<RecentMap, 'openedAt'>) => void;
} {
  const [recent, setRecent] = useState(() => readRecent());
  const forget = useCallback((id: string) => setRecent(forgetMap(id)), []);
  const remember = useCallback(
    (entry: Omit<RecentMap, 'openedAt'>) => setRecent(rememberMap(entry)),
    [],
  );
  return { recent, forget, remember };
}
