import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { identityFor, type Identity } from '../device/identity.ts';
import { MapSession } from './MapSession.ts';
import { takeEarlyConnection } from './earlySession.ts';

export type SessionState =
  | { status: 'loading'; session: MapSession }
  | { status: 'ready'; session: MapSession }
  | { status: 'error'; session: MapSession; error: Error };

/** Opens a map for as long as the component using it is mounted. */
export function useMapSession(mapId: string, me: Identity, token?: string): SessionState | null {
  const [state, setState] = useState<SessionState | null>(null);
  const name = me.name;
  useEffect(() => {
    // The entry module may have opened this very map's connection already (see `boot.ts`).
    const opened = takeEarlyConnection(mapId, token) ?? undefined;
    const session = new MapSession(mapId, identityFor(name), {
      ...(token ? { token } : {}),
      ...(opened ? { opened } : {}),
    });
    let live = true;
    setState({ status: 'loading', session });
    session.ready().then(
      () => {
        // Rendered at once, in the task that made the map ready: left to React's scheduler,
        // the map page's first render waited ~100 ms (10,000 claims) for its task to come
        // round after the long task that applied the map, with the main thread idle.
        if (live) flushSync(() => setState({ status: 'ready', session }));
      },
      (error: unknown) =>
        live &&
        setState({
          status: 'error',
          session,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    );
    return () => {
      live = false;
      session.destroy();
    };
  }, [mapId, name, token]);
  return state;
}
