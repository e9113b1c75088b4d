import { useSyncExternalStore } from 'react';
import type { UiState } from './EditorUi.ts';
import { useSession } from './SessionContext.ts';

/** A slice of the per-device UI state; pick a primitive so unrelated changes do not re-render. */
export function useUi<T>(select: (state: UiState) => T): T {
  const { ui } = useSession();
  return useSyncExternalStore(ui.subscribe, () => select(ui.get()));
}
