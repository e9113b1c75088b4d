import type { ClaimId, ClaimLabel } from '@warrant/shared';
import { useClaimStatus } from '../session/useClaimStatus.ts';

const WORD: Record<ClaimLabel, string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  undecided: 'Undecided',
};
/** A shape per status as well as a word and a border style: never colour alone. */
const MARK: Record<ClaimLabel, string> = { accepted: '✓', rejected: '✗', undecided: '?' };

/**
 * The claim's status under the "Which claims stand" lens: a mark, a word and a border
 * pattern (solid, dashed and striped, dotted), plus "assumed" when this device's what-if
 * decides it. Nothing while the lens is off.
 */
export function ClaimStatusBadge({ id }: { id: ClaimId }) {
  const status = useClaimStatus(id);
  if (!status) return null;
  const { label, assumed } = status;
  return (
    <span
      className={`lens-status ${label}${assumed ? ' assumed' : ''}`}
      title={
        assumed ? `Assumed ${label} on this device only` : `${WORD[label]} by the map's reasons`
      }
    >
      <span className="lens-mark" aria-hidden="true">
        {MARK[label]}
      </span>
      <span className="lens-word">{WORD[label]}</span>
      {assumed ? <span className="lens-assumed">(assumed)</span> : null}
    </span>
  );
}
