import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../sync/connectionStatus.ts';
import { useSession } from './SessionContext.ts';

export function useConnectionStatus(): ConnectionStatus {
  const { monitor } = useSession().session.connection;
  return useSyncExternalStore(monitor.subscribe, () => monitor.current);
}
