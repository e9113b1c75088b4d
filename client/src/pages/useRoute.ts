import { useCallback, useEffect, useState } from 'react';
import { parseRoute, type Route } from './route.ts';

/** The current route, following history navigation; `navigate` pushes a new URL. */
export function useRoute(): { route: Route; navigate: (url: string) => void } {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((url: string) => {
    window.history.pushState(null, '', url);
    setRoute(parseRoute(window.location));
  }, []);
  return { route, navigate };
}
