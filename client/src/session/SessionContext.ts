import { createContext, useContext } from 'react';
import type { EditorUi } from './EditorUi.ts';
import type { MapSession } from './MapSession.ts';

export interface SessionValue {
  session: MapSession;
  ui: EditorUi;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The open map's session and UI state; only valid inside a map view. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() used outside an open map.');
  return value;
}
