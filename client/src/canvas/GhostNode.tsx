import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { MARK_LABEL } from '../session/compare.ts';
import { useUi } from '../session/useUi.ts';
import type { GhostNodeType } from './nodeTypes.ts';

/**
 * A claim the compared version had and the map no longer has: ghosted (faded, dashed) and
 * labelled "Removed" in words, so the difference never rests on colour. Read-only: it is
 * not in the map, so nothing can be done to it but read it.
 */
export const GhostNode = memo(function GhostNode({ id, data }: NodeProps<GhostNodeType>) {
  const revealSeq = useUi((s) => (s.reveal?.id === id ? s.reveal.seq : 0));
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (revealSeq) card.current?.focus({ preventScroll: true });
  }, [revealSeq]);
  return (
    <div
      ref={card}
      className="claim-card ghost diff-removed"
      role="group"
      aria-roledescription="removed claim"
      aria-label={`Removed since “${data.against}”: ${data.text || 'empty'}`}
      tabIndex={0}
    >
      <Handle type="target" position={Position.Bottom} id="in" className="handle in" />
      <div className="card-head">
        <span className="diff-badge removed" aria-hidden="true">
          {MARK_LABEL.removed}
        </span>
      </div>
      <p className="claim-text">{data.text}</p>
      <Handle type="source" position={Position.Top} id="out" className="handle out" />
    </div>
  );
});
