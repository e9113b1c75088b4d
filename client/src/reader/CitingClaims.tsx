import type { ClaimId, PassageId, Stance } from '@warrant/shared';
import { removeCitation } from '../session/actions.ts';
import { plainText } from '../editor/StaticRichText.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { useClaimContent } from '../session/useClaimContent.ts';

function CitingClaim({
  passage,
  claim,
  stance,
}: {
  passage: PassageId;
  claim: ClaimId;
  stance: Stance;
}) {
  const { session, ui } = useSession();
  const canEdit = useCanEdit();
  const full = plainText(useClaimContent(claim)) || 'empty claim';
  const text = full.length > 90 ? `${full.slice(0, 89)}…` : full;
  const verb = stance === 'support' ? 'supported' : 'rebutted';
  return (
    <li>
      <button
        type="button"
        className="go-to-claim"
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
      {canEdit ? (
        <button
          type="button"
          className="link danger"
          aria-label={`Remove this citation from claim: ${text}`}
          title="Remove this citation (Ctrl+Z brings it back)"
          onClick={() => removeCitation(session, claim, passage)}
        >
          Remove
        </button>
      ) : null}
    </li>
  );
}

/** The claims citing a passage, each a button that brings the claim into view and focus. */
export function CitingClaims({
  passage,
  citedBy,
}: {
  passage: PassageId;
  citedBy: readonly { claim: ClaimId; stance: Stance }[];
}) {
  if (citedBy.length === 0) return <p className="hint">No claim cites this passage now.</p>;
  return (
    <ul className="citing-claims">
      {citedBy.map(({ claim, stance }) => (
        <CitingClaim key={claim} passage={passage} claim={claim} stance={stance} />
      ))}
    </ul>
  );
}
