import type { ClaimId } from '@warrant/shared';

/**
 * The map compared with one of its versions, as the views mark it: claims added or reworded
 * since the version carry a badge, and claims the version had that are gone show as
 * ghosts. Set by the Versions panel; UI state of this device only (nobody else sees it).
 */
export interface CompareMarks {
  /** The version the map is compared with, by name, for labels. */
  against: string;
  /** How each claim differs from the version; claims not listed are as they were. */
  claims: ReadonlyMap<ClaimId, 'added' | 'changed'>;
  /** Claims the version had that the map no longer has, with their text then. */
  removed: readonly { id: ClaimId; text: string }[];
}

/** The words a badge shows for each mark: status in words, never in colour alone. */
export const MARK_LABEL = { added: 'Added', changed: 'Changed', removed: 'Removed' } as const;
