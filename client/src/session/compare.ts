import type { ClaimId, RelationId } from '@warrant/shared';

/**
 * The map compared with something, as the views mark it: one of its versions (the Versions
 * panel: claims added or reworded since carry a badge, claims gone show as ghosts), or a
 * reference map (the Compare panel: claims matched or extra carry a badge, the reference's
 * claims this map lacks show as ghosts, reasons turned around or extra are marked). UI
 * state of this device only (nobody else sees it).
 */
export interface CompareMarks {
  /** What the map is compared with, by name, for labels. */
  against: string;
  /** A version of this map (the default), or another map taken as the reference. */
  with?: 'version' | 'reference';
  /** How each claim differs; claims not listed carry no mark. */
  claims: ReadonlyMap<ClaimId, ClaimMark>;
  /**
   * Claims the other side has and the map does not, with their text there: shown as ghost
   * cards ("Removed" since a version, "Missing" from a reference). Ids are node ids, unique
   * among the map's own.
   */
  removed: readonly { id: string; text: string }[];
  /** Reasons marked against a reference. */
  reasons?: ReadonlyMap<RelationId, ReasonMark>;
}

export type ClaimMark = 'added' | 'changed' | 'matched' | 'extra';
export type ReasonMark = 'turned' | 'extra';

/** The words a badge shows for each mark: status in words, never in colour alone. */
export const MARK_LABEL = {
  added: 'Added',
  changed: 'Changed',
  removed: 'Removed',
  matched: 'Matched',
  extra: 'Extra',
  missing: 'Missing',
  turned: 'Turned around',
} as const;

/** The ghost cards' mark: gone since a version, or missing from a reference. */
export function ghostMark(compare: CompareMarks): 'removed' | 'missing' {
  return compare.with === 'reference' ? 'missing' : 'removed';
}

/** A mark said in words for an accessible name: "added since “v1”", "extra, not in “Model”". */
export function markPhrase(
  compare: Pick<CompareMarks, 'against' | 'with'>,
  mark: ClaimMark | ReasonMark | 'removed' | 'missing',
): string {
  const name = `“${compare.against}”`;
  if (compare.with !== 'reference') return `${MARK_LABEL[mark].toLowerCase()} since ${name}`;
  switch (mark) {
    case 'matched':
      return `matched in ${name}`;
    case 'missing':
      return `missing: in ${name}, not in this map`;
    case 'turned':
      return `turned around: the other kind in ${name}`;
    default:
      return `extra: not in ${name}`;
  }
}
