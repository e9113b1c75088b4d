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
export type MapNode = ClaimNodeType | ReasonNodeType;
