import { useEffect, useState } from 'react';
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
      () => live && setState({ status: 'ready', session }),
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
