import { useCallback, useEffect, useState } from 'react';
import { parseRoute, type Route } from './route.ts';

/** Moves to a URL: a new history entry, or (`replace`) in place of the current one. */
export type Navigate = (url: string, options?: { replace?: boolean }) => void;

/** The current route, following history navigation; `navigate` pushes a new URL. */
export function useRoute(): { route: Route; navigate: Navigate } {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback<Navigate>((url, options) => {
    if (options?.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setRoute(parseRoute(window.location));
  }, []);
  return { route, navigate };
}
