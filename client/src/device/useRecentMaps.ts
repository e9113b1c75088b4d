import { useCallback, useState } from 'react';
import { forgetMap, readRecent, type RecentMap } from './recentMaps.ts';

export function useRecentMaps(): { recent: RecentMap[]; forget: (id: string) => void } {
  const [recent, setRecent] = useState(() => readRecent());
  const forget = useCallback((id: string) => setRecent(forgetMap(id)), []);
  return { recent, forget };
}
