import type { SourceView } from '@warrant/shared';
import { useSyncExternalStore } from 'react';
import { useSession } from './SessionContext.ts';

/** The map's sources (metadata only). */
export function useSources(): readonly SourceView[] {
  const { evidence } = useSession().session;
  return useSyncExternalStore(evidence.subscribeSources, evidence.getSources);
}
