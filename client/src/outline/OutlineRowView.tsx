import type { ClaimId } from '@warrant/shared';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { ClaimBody } from '../claim/ClaimBody.tsx';
import { useClaimView } from '../claim/useClaimView.ts';
import { ReviewBadges } from '../review/ReviewBadges.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useUi } from '../session/useUi.ts';
import type { OutlineRow, Stance } from './rows.ts';

function StanceBadge({ stance }: { stance: Stance }) {
  const support = stance.kind === 'support';
  const word = stance.undercut
    ? support
      ? 'Backs the inference'
      : 'Undercut'
    : support
      ? 'Pro'
      : 'Con';
  return (
    <span className={`stance ${stance.kind}`}>
      <span aria-hidden="true">{support ? '+' : '−'}</span> {word}
    </span>
  );
}

export interface RowProps {
  row: OutlineRow;
  current: boolean;
  /** Whether this row holds the claim's live editor (a claim may show in several rows). */
  hostsEditor: boolean;
  expanded: boolean;
  onKey: (row: OutlineRow, event: KeyboardEvent<HTMLDivElement>) => void;
  onFocusRow: (row: OutlineRow) => void;
  onToggle: (row: OutlineRow) => void;
  onEnterInEditor?: () => boolean;
  onTabInEditor?: (shift: boolean) => boolean;
}

/** A claim row's body; its own component so typing re-renders it alone, not the row. */
function ClaimRowBody({
  claim,
  current,
  hostsEditor,
  onEnterInEditor,
  onTabInEditor,
}: {
  claim: ClaimId;
  current: boolean;
  hostsEditor: boolean;
  onEnterInEditor?: () => boolean;
  onTabInEditor?: (shift: boolean) => boolean;
}) {
  const { ui } = useSession();
  const view = useClaimView(claim);
  return (
    <ClaimBody
      id={claim}
      view={view}
      live={hostsEditor && (view.editingHere || view.editors.length > 0)}
      variant="row"
      tabbable={current}
      onDone={() => ui.edit(null)}
      onEnter={onEnterInEditor}
      onTab={onTabInEditor}
    />
  );
}

/** One treeitem: a claim (with its stance towards the row above) or a linked-reason group. */
export const OutlineRowView = memo(function OutlineRowView({
  row,
  current,
  hostsEditor,
  expanded,
  onKey,
  onFocusRow,
  onToggle,
  onEnterInEditor,
  onTabInEditor,
}: RowProps) {
  const { session, ui } = useSession();
  const ref = useRef<HTMLDivElement>(null);
  const claim = row.type === 'claim' ? row.claim : null;
  const selected = useUi((s) =>
    claim ? s.selection?.id === claim : s.selection?.id === row.stance?.relation,
  );
  const editing = useUi((s) => claim !== null && s.editing === claim);
  const revealSeq = useUi((s) => (claim && s.reveal?.id === claim ? s.reveal.seq : 0));
  const wasEditing = useRef(false);

  useEffect(() => {
    if (revealSeq && current && !editing) ref.current?.focus();
  }, [revealSeq, current, editing]);
  useEffect(() => {
    // Back on the row when its editor closes, so the keyboard carries on from here.
    if (wasEditing.current && !editing && current) ref.current?.focus();
    wasEditing.current = editing;
  }, [editing, current]);

  const classes = [
    'outline-row',
    row.type,
    selected ? 'selected' : '',
    row.type === 'claim' && row.depth === 1 ? 'root' : '',
  ];
  return (
    <div
      ref={ref}
      role="treeitem"
      aria-level={row.depth}
      aria-expanded={row.hasChildren ? expanded : undefined}
      aria-selected={selected}
      tabIndex={current ? 0 : -1}
      className={classes.join(' ')}
      style={{ paddingLeft: `${(row.depth - 1) * 1.6 + 0.5}rem` }}
      onKeyDown={(e) => {
        if (e.target === ref.current) onKey(row, e);
      }}
      onFocus={(e) => {
        if (e.target === ref.current) onFocusRow(row);
      }}
      onDoubleClick={() => claim && !editing && session.canEdit && ui.edit(claim)}
    >
      <button
        type="button"
        className="twisty"
        tabIndex={-1}
        aria-hidden="true"
        style={{ visibility: row.hasChildren ? 'visible' : 'hidden' }}
        onClick={() => onToggle(row)}
      >
        {expanded ? '▾' : '▸'}
      </button>
      {row.stance ? (
        <StanceBadge stance={row.stance} />
      ) : row.type === 'claim' ? (
        <span className="stance root">★ Conclusion</span>
      ) : null}
      {row.type === 'linked' ? (
        <span className="outline-text linked-label">
          Linked reason — these premises only work together
        </span>
      ) : (
        <ClaimRowBody
          claim={row.claim}
          current={current}
          hostsEditor={hostsEditor}
          onEnterInEditor={onEnterInEditor}
          onTabInEditor={onTabInEditor}
        />
      )}
      {row.type === 'claim' ? (
        <ReviewBadges claim={row.claim} variant="row" tabbable={current} />
      ) : null}
      {row.type === 'claim' && row.cycle ? (
        <span className="hint">(appears above: circular)</span>
      ) : null}
    </div>
  );
});
