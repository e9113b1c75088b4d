import type { SourceId } from '@warrant/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type { SourceReading } from './EvidenceStore.ts';
import { useSession } from './SessionContext.ts';

const NO_SOURCE = () => undefined;

/** One source's text with its passages resolved, for the reader. */
export function useReading(source: SourceId | null): SourceReading | undefined {
  const { evidence } = useSession().session;
  const subscribe = useCallback(
    (cb: () => void) => (source ? evidence.subscribeReading(source, cb) : NO_SOURCE),
    [evidence, source],
  );
  const read = useCallback(
    () => (source ? evidence.reading(source) : undefined),
    [evidence, source],
  );
  return useSyncExternalStore(subscribe, read);
}
