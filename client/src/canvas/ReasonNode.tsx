import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { ReasonReviewCount } from '../review/ReasonReviewCount.tsx';
import { MARK_LABEL, markPhrase } from '../session/compare.ts';
import { useUi } from '../session/useUi.ts';
import { useCanvasNav } from './CanvasNav.ts';
import type { ReasonNodeType } from './nodeTypes.ts';

/**
 * Where a reason's premises join before one arrow leaves for its conclusion. Support,
 * rebuttal and undercut differ in icon, word and line style, not only in colour.
 */
export const ReasonNode = memo(function ReasonNode({
  id,
  data,
  selected,
}: NodeProps<ReasonNodeType>) {
  const { ui } = useSession();
  const nav = useCanvasNav();
  const support = data.kind === 'support';
  const verb = data.undercut ? 'undercuts' : support ? 'supports' : 'rebuts';
  const mark = useUi((s) => s.compare?.reasons?.get(id) ?? null);
  const against = useUi((s) => s.compare?.against ?? '');
  const marked = mark ? ` (${markPhrase({ against, with: 'reference' }, mark)})` : '';
  const label = `${data.linked ? 'Linked reason' : 'Reason'}: ${verb}${marked}`;
  return (
    <div
      className={`reason-pill ${data.kind} ${data.undercut ? 'undercut' : ''} ${selected ? 'selected' : ''} ${mark ? `diff-${mark}` : ''}`}
      role="group"
      aria-roledescription="reason"
      aria-label={label}
      tabIndex={0}
      onFocus={(e) => {
        ui.select({ kind: 'reason', id });
        if (e.currentTarget.matches(':focus-visible')) nav.show(id);
      }}
    >
      <Handle type="target" position={Position.Bottom} id="in" className="handle in" />
      <span aria-hidden="true" className="icon">
        {support ? '+' : '−'}
      </span>
      <span>{verb}</span>
      {data.linked ? (
        <span className="linked" title="The premises work only together">
          linked
        </span>
      ) : null}
      {mark ? (
        <span className={`diff-badge ${mark}`} aria-hidden="true">
          {MARK_LABEL[mark]}
        </span>
      ) : null}
      <ReasonReviewCount id={id} />
      <Handle
        type="source"
        position={Position.Top}
        id="out"
        className="handle out"
        isConnectable={false}
      />
    </div>
  );
});
