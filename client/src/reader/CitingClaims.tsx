import type { ClaimId, Stance } from '@warrant/shared';
import { plainText } from '../editor/StaticRichText.tsx';
import { useSession } from '../hooks/SessionContext.ts';
import { useClaimContent } from '../hooks/useClaimContent.ts';

function ClaimButton({ claim, stance }: { claim: ClaimId; stance: Stance }) {
  const { ui } = useSession();
  const full = plainText(useClaimContent(claim)) || 'empty claim';
  const text = full.length > 90 ? `${full.slice(0, 89)}…` : full;
  const verb = stance === 'support' ? 'supported' : 'rebutted';
  return (
    <button
      type="button"
      aria-label={`Go to claim ${verb} by this passage: ${text}`}
      onClick={() => {
        ui.select({ kind: 'claim', id: claim });
        ui.reveal(claim);
      }}
    >
      <span className={`stance ${stance}`}>
        <span aria-hidden="true">{stance === 'support' ? '+' : '−'}</span>{' '}
        {stance === 'support' ? 'supports' : 'rebuts'}
      </span>{' '}
      {text}
    </button>
  );
}

/** The claims citing a passage, each a button that brings the claim into view and focus. */
export function CitingClaims({
  citedBy,
}: {
  citedBy: readonly { claim: ClaimId; stance: Stance }[];
}) {
  if (citedBy.length === 0) return <p className="hint">No claim cites this passage now.</p>;
  return (
    <ul className="citing-claims">
      {citedBy.map(({ claim, stance }) => (
        <li key={claim}>
          <ClaimButton claim={claim} stance={stance} />
        </li>
      ))}
    </ul>
  );
}
