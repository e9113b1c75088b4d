import type { Node } from '@xyflow/react';
import type { RelationKind } from '@warrant/shared';

export type ClaimNodeType = Node<{ root: boolean }, 'claim'>;
export type ReasonNodeType = Node<
  {
    kind: RelationKind;
    linked: boolean;
    /** Aimed at another reason's inference rather than at a claim. */
    undercut: boolean;
  },
  'reason'
>;
/** A claim the compared version had and the map no longer has (see `CompareMarks`). */
export type GhostNodeType = Node<
  { text: string; against: string; with?: 'version' | 'reference'; mark: 'removed' | 'missing' },
  'ghost'
>;
export type MapNode = ClaimNodeType | ReasonNodeType | GhostNodeType;
