import type { ClaimId, ClaimLabel } from '@warrant/shared';
import { useClaimView } from '../claim/useClaimView.ts';
import { assumptionFor } from './assume.ts';
import { useGoToClaim } from './useGoToClaim.ts';

const WORD: Record<ClaimLabel, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  undecided: 'undecided',
};

/** A claim named by its words, as a button that goes to it; a synthetic assumption as text. */
export function ClaimLink({ id, label }: { id: ClaimId; label?: ClaimLabel }) {
  const assumed = assumptionFor(id);
  if (assumed !== undefined) {
    return <span className="lens-assumption-step">Your assumption (on this device only)</span>;
  }
  return <RealClaimLink id={id} label={label} />;
}

function RealClaimLink({ id, label }: { id: ClaimId; label: ClaimLabel | undefined }) {
  const { text } = useClaimView(id);
  const goTo = useGoToClaim();
  const words = text || 'Empty claim';
  return (
    <button
      type="button"
      className="lens-claim-link"
      aria-label={`Go to claim: ${words}${label ? ` (${WORD[label]})` : ''}`}
      onClick={() => goTo(id)}
    >
      “{words}”{label ? <span className={`lens-inline ${label}`}> — {WORD[label]}</span> : null}
    </button>
  );
}
