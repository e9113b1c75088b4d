import type { ClaimId } from '@warrant/shared';
import { useSession } from '../session/SessionContext.ts';
import { useEvidence } from '../session/useEvidence.ts';

/**
 * A claim's evidence: a short quote and a short citation per cited passage, marked by stance
 * with a sign and a line style (not colour alone). Activating one opens the reader on the
 * passage. `max` chips show; the rest are counted, and the count shows them in the outline. In the outline's tree only the current
 * row's chips are in the Tab order (`tabbable`), as the tree pattern asks.
 */
export function EvidenceChips({
  claim,
  max = Infinity,
  tabbable = true,
}: {
  claim: ClaimId;
  max?: number;
  tabbable?: boolean;
}) {
  const { ui } = useSession();
  const chips = useEvidence(claim);
  if (chips.length === 0) return null;
  const shown = chips.slice(0, max);
  return (
    <ul className="evidence" aria-label="Evidence">
      {shown.map((chip) => {
        const stance = chip.stance === 'support' ? 'supports' : 'rebuts';
        return (
          <li key={chip.passage}>
            <button
              type="button"
              className={`chip nodrag ${chip.stance}${chip.orphaned ? ' orphaned' : ''}`}
              tabIndex={tabbable ? undefined : -1}
              aria-label={`Evidence that ${stance} this claim: “${chip.quote}” — ${chip.citation}${chip.orphaned ? ' (its words were deleted from the source)' : ''}`}
              title={`“${chip.quote}” — ${chip.citation}`}
              onClick={(e) => {
                e.stopPropagation();
                // The claim becomes the one to cite more for, and the reader shows the words.
                ui.select({ kind: 'claim', id: claim });
                ui.openReader(chip.source, chip.passage);
              }}
              onDoubleClick={(e) => e.stopPropagation()}
            >
              <span className="sign" aria-hidden="true">
                {chip.stance === 'support' ? '+' : '−'}
              </span>
              {/* The whole quote, cut to fit by CSS: what shows is then part of the name. */}
              <span className="quote">“{chip.quote.replace(/\s+/g, ' ').trim()}”</span>{' '}
              <span className="cite">
                {chip.orphaned ? 'orphaned · ' : ''}
                {chip.citation}
              </span>
            </button>
          </li>
        );
      })}
      {chips.length > max ? (
        <li>
          <button
            type="button"
            className="more nodrag"
            tabIndex={tabbable ? undefined : -1}
            aria-label={`${chips.length - max} more pieces of evidence: show them all in the outline`}
            title="Show all of this claim’s evidence in the outline"
            onClick={(e) => {
              e.stopPropagation();
              ui.select({ kind: 'claim', id: claim });
              ui.setView('outline');
              ui.reveal(claim);
            }}
            onDoubleClick={(e) => e.stopPropagation()}
          >
            +{chips.length - max}
          </button>
        </li>
      ) : null}
    </ul>
  );
}
