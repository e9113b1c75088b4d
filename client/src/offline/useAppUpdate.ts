import { useSyncExternalStore } from 'react';
import { appUpdate } from './AppUpdate.ts';

/** Whether a newer version of Warrant waits for this tab to reload. */
export function useAppUpdate(): boolean {
  return useSyncExternalStore(appUpdate.ready.subscribe, appUpdate.ready.get);
}
