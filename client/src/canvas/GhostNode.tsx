import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { MARK_LABEL, markPhrase } from '../session/compare.ts';
import { useUi } from '../session/useUi.ts';
import type { GhostNodeType } from './nodeTypes.ts';

/**
 * A claim the compared version had and the map no longer has ("Removed"), or a reference
 * map's claim this map lacks ("Missing"): ghosted (faded, dashed) and labelled in words, so
 * the difference never rests on colour. Read-only: it is
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
      className={`claim-card ghost diff-${data.mark}`}
      role="group"
      aria-roledescription={`${data.mark} claim`}
      aria-label={`${markPhrase(data, data.mark).replace(/^./, (c) => c.toUpperCase())}: ${data.text || 'empty'}`}
      tabIndex={0}
    >
      <Handle type="target" position={Position.Bottom} id="in" className="handle in" />
      <div className="card-head">
        <span className={`diff-badge ${data.mark}`} aria-hidden="true">
          {MARK_LABEL[data.mark]}
        </span>
      </div>
      <p className="claim-text">{data.text}</p>
      <Handle type="source" position={Position.Top} id="out" className="handle out" />
    </div>
  );
});
