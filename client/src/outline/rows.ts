import type { ClaimId, RelationId, RelationKind } from '@warrant/shared';

/** What a claim is to the row above it in the outline. */
export interface Stance {
  relation: RelationId;
  kind: RelationKind;
  /** The reason has several premises that only work together. */
  linked: boolean;
  /** The reason rebuts (or supports) an inference rather than a claim. */
  undercut: boolean;
}

export type OutlineRow =
  | {
      type: 'claim';
      key: string;
      depth: number;
      claim: ClaimId;
      stance?: Stance;
      parent?: string;
      hasChildren: boolean;
      cycle: boolean;
    }
  | {
      type: 'linked';
      key: string;
      depth: number;
      stance: Stance;
      parent?: string;
      hasChildren: true;
    };

/** A tree node as `proConForest` returns it, reduced to what the outline needs. */
export interface TreeNode {
  claim: ClaimId;
  cycle?: true;
  reasons: TreeReason[];
}
export interface TreeReason {
  relation: RelationId;
  kind: RelationKind;
  premises: TreeNode[];
  undercuts: TreeReason[];
}

/**
 * Flattens pro/con trees into the rows currently visible: a claim, then (if expanded) its
 * reasons. A single-premise reason is shown as its premise with a Pro/Con badge; a linked
 * reason as a group row holding its premises. Keys are paths, since one claim may appear
 * under several conclusions.
 */
export function visibleRows(
  trees: readonly TreeNode[],
  collapsed: ReadonlySet<string>,
): OutlineRow[] {
  const rows: OutlineRow[] = [];
  const reasonRows = (reason: TreeReason, depth: number, parentKey: string, undercut: boolean) => {
    const stance: Stance = {
      relation: reason.relation,
      kind: reason.kind,
      linked: reason.premises.length > 1,
      undercut,
    };
    if (stance.linked) {
      const key = `${parentKey}/${reason.relation}`;
      rows.push({ type: 'linked', key, depth, stance, parent: parentKey, hasChildren: true });
      if (collapsed.has(key)) return;
      for (const p of reason.premises) claimRows(p, depth + 1, key, stance);
      for (const u of reason.undercuts) reasonRows(u, depth + 1, key, true);
      return;
    }
    for (const p of reason.premises) claimRows(p, depth, parentKey, stance, reason.undercuts);
  };
  const claimRows = (
    node: TreeNode,
    depth: number,
    parentKey: string | undefined,
    stance?: Stance,
    undercuts: TreeReason[] = [],
  ) => {
    const key = `${parentKey ?? ''}/${stance?.relation ?? ''}:${node.claim}`;
    const hasChildren = node.reasons.length + undercuts.length > 0;
    rows.push({
      type: 'claim',
      key,
      depth,
      claim: node.claim,
      ...(stance ? { stance } : {}),
      ...(parentKey ? { parent: parentKey } : {}),
      hasChildren,
      cycle: node.cycle === true,
    });
    if (!hasChildren || collapsed.has(key)) return;
    for (const u of undercuts) reasonRows(u, depth + 1, key, true);
    // Pros before cons, each in the order they were made (Array.sort is stable).
    const reasons = [...node.reasons].sort((a, b) =>
      a.kind === b.kind ? 0 : a.kind === 'support' ? -1 : 1,
    );
    for (const r of reasons) reasonRows(r, depth + 1, key, false);
  };
  for (const tree of trees) claimRows(tree, 1, undefined);
  return rows;
}
