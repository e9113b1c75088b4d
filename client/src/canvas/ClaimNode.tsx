import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { LazyClaimEditor } from '../editor/LazyClaimEditor.tsx';
import { plainText, StaticRichText } from '../editor/StaticRichText.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useClaimContent } from '../session/useClaimContent.ts';
import { useClaimEditors } from '../session/useClaimEditors.ts';
import { useUi } from '../session/useUi.ts';
import { EvidenceChips } from '../claim/EvidenceChips.tsx';
import { PeerChips } from '../claim/PeerChips.tsx';
import { ARROWS, useCanvasNav } from './CanvasNav.ts';
import type { ClaimNodeType } from './nodeTypes.ts';

/** Below this zoom cards show no text: nobody can read it, and panning stays smooth. */
const TEXT_ZOOM = 0.35;

/** A claim card: static rich text, or a live editor while someone types in it. */
export const ClaimNode = memo(function ClaimNode({ id, data, selected }: NodeProps<ClaimNodeType>) {
  const { session, ui } = useSession();
  const content = useClaimContent(id);
  const editingHere = useUi((s) => s.editing === id);
  const revealSeq = useUi((s) => (s.reveal?.id === id ? s.reveal.seq : 0));
  const editors = useClaimEditors(id);
  const far = useStore((s) => s.transform[2] < TEXT_ZOOM);
  const nav = useCanvasNav();
  const card = useRef<HTMLDivElement>(null);
  const text = plainText(content);
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
  ];
  return (
    <div
      ref={card}
      className={classes.join(' ')}
      role="group"
      aria-roledescription="claim"
      aria-label={`${kind}: ${text || 'empty'}`}
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
        <PeerChips peers={editors} verb="editing" />
      </div>
      <div className="claim-text" title={live || !text ? undefined : text}>
        {far && !live ? null : live ? (
          <LazyClaimEditor
            id={id}
            content={content}
            editable={editingHere}
            label={`Claim text${text ? `: ${text.slice(0, 60)}` : ''}`}
            onDone={() => {
              ui.edit(null);
              card.current?.focus({ preventScroll: true });
            }}
          />
        ) : (
          <StaticRichText doc={content} placeholder="Empty claim — double-click to write" />
        )}
      </div>
      {far ? null : <EvidenceChips claim={id} max={1} />}
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
