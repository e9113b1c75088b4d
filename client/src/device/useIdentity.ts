import { useCallback, useState } from 'react';
import { identityFor, storedName, storeName, type Identity } from './identity.ts';

/** This device's person: null until they have told us their name (asked once). */
export function useIdentity(): { me: Identity | null; setName: (name: string) => void } {
  const [name, setNameState] = useState(() => storedName());
  const setName = useCallback((next: string) => {
    storeName(next);
    setNameState(next.trim());
  }, []);
  return { me: name ? identityFor(name) : null, setName };
}
