import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { ClaimAuthorChip } from '../authors/ClaimAuthorChip.tsx';
import { ClaimBody } from '../claim/ClaimBody.tsx';
import { PeerChips } from '../claim/PeerChips.tsx';
import { useClaimView } from '../claim/useClaimView.ts';
import { MARK_LABEL, markPhrase } from '../session/compare.ts';
import { ReviewBadges } from '../review/ReviewBadges.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useUi } from '../session/useUi.ts';
import { ARROWS, useCanvasNav } from './CanvasNav.ts';
import type { ClaimNodeType } from './nodeTypes.ts';
import { TEXT_ZOOM } from './viewport.ts';

/** A claim card: its kind, who is typing in it, and the claim's body (`ClaimBody`). */
export const ClaimNode = memo(function ClaimNode({ id, data, selected }: NodeProps<ClaimNodeType>) {
  const { session, ui } = useSession();
  const view = useClaimView(id);
  const { text, editingHere, editors } = view;
  const revealSeq = useUi((s) => (s.reveal?.id === id ? s.reveal.seq : 0));
  const mark = useUi((s) => s.compare?.claims.get(id) ?? null);
  const against = useUi((s) => s.compare?.against ?? '');
  const comparedWith = useUi((s) => s.compare?.with);
  const far = useStore((s) => s.transform[2] < TEXT_ZOOM);
  const nav = useCanvasNav();
  const card = useRef<HTMLDivElement>(null);
  const kind = data.root ? 'Conclusion' : 'Claim';

  useEffect(() => {
    if (revealSeq && !editingHere) card.current?.focus({ preventScroll: true });
  }, [revealSeq, editingHere]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== card.current) return;
    const direction = ARROWS[event.key];
    if (direction) {
      event.preventDefault();
      event.stopPropagation();
      nav.move(id, direction);
    }
  };

  const live = editingHere || editors.length > 0;
  const classes = [
    'claim-card',
    data.root ? 'root' : '',
    selected ? 'selected' : '',
    live ? 'live' : '',
    mark ? `diff-${mark}` : '',
  ];
  const since = mark ? ` (${markPhrase({ against, with: comparedWith }, mark)})` : '';
  return (
    <div
      ref={card}
      className={classes.join(' ')}
      role="group"
      aria-roledescription="claim"
      aria-label={`${kind}${since}: ${text || 'empty'}`}
      tabIndex={0}
      onFocus={(e) => {
        if (e.target !== card.current) return;
        ui.select({ kind: 'claim', id });
        if (card.current.matches(':focus-visible')) nav.show(id);
      }}
      onDoubleClick={() => session.canEdit && ui.edit(id)}
      onKeyDown={onKeyDown}
      style={editors[0] ? { borderColor: editors[0].color } : undefined}
    >
      <Handle type="target" position={Position.Bottom} id="in" className="handle in" />
      <div className="card-head">
        <span className="kind" aria-hidden="true">
          {data.root ? '★ Conclusion' : 'Claim'}
        </span>
        {mark ? (
          <span className={`diff-badge ${mark}`} aria-hidden="true">
            {MARK_LABEL[mark]}
          </span>
        ) : null}
        <PeerChips peers={editors} verb="editing" />
        <ClaimAuthorChip claim={id} />
      </div>
      <ClaimBody
        id={id}
        view={view}
        live={live}
        variant="card"
        far={far}
        onDone={() => {
          ui.edit(null);
          card.current?.focus({ preventScroll: true });
        }}
      />
      {far ? null : <ReviewBadges claim={id} variant="card" />}
      <Handle
        type="source"
        position={Position.Top}
        id="out"
        className="handle out"
        title="Drag to another claim to support or rebut it"
      />
    </div>
  );
});
