import { explain, type ClaimId, type Mode, type Semantics } from '@warrant/shared';
import { useMemo, useState } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { useLens } from '../session/useLens.ts';
import { useUi } from '../session/useUi.ts';
import { ClaimLink } from './ClaimLink.tsx';
import { withAssumptions } from './assume.ts';
import { WhyTree } from './WhyTree.tsx';

/**
 * The lens's side panel: its semantics and mode, the selected claim's status with "Why?" and
 * this device's "what if" assumptions about it, and every assumption with a way to clear them.
 */
export function LensPanel() {
  const { lens } = useSession().session;
  const options = useLens((l) => l.options);
  const assumptions = useLens((l) => l.assumptions);
  const latest = useLens((l) => l.latest);
  const selected = useUi((s) => (s.selection?.kind === 'claim' ? s.selection.id : null));
  const [whyOf, setWhyOf] = useState<ClaimId | null>(null);
  const label = selected ? latest?.result.labels[selected] : undefined;
  const why = useMemo(() => {
    if (!whyOf || !latest) return undefined;
    return explain(withAssumptions(latest.graph, latest.assumptions), latest.result, whyOf);
  }, [whyOf, latest]);

  return (
    <section className="lens-section" aria-labelledby="lens-heading">
      <h2 id="lens-heading">Which claims stand</h2>
      <div className="lens-options">
        <label>
          Semantics{' '}
          <select
            value={options.semantics}
            onChange={(e) =>
              lens.options.set({ ...options, semantics: e.target.value as Semantics })
            }
          >
            <option value="grounded">Grounded (sceptical)</option>
            <option value="preferred">Preferred (accept as much as holds together)</option>
          </select>
        </label>
        <label>
          Mode{' '}
          <select
            value={options.mode}
            onChange={(e) => lens.options.set({ ...options, mode: e.target.value as Mode })}
          >
            <option value="attack">Attack (only rebuttals count)</option>
            <option value="burden">Burden of proof (premises need backing)</option>
          </select>
        </label>
      </div>
      {latest?.result.gaveUp ? (
        <p className="lens-note">
          The map is too tangled to search in time: showing grounded labels.
        </p>
      ) : null}
      {selected ? (
        <div className="lens-selected">
          <p>
            Selected: <ClaimLink id={selected} label={label} />
            {assumptions.has(selected) ? (
              <strong className="lens-assumption-note">
                {' '}
                Assumed {assumptions.get(selected)} on this device.
              </strong>
            ) : null}
          </p>
          <div className="dialog-actions start">
            <button
              type="button"
              aria-expanded={whyOf === selected}
              onClick={() => setWhyOf(whyOf === selected ? null : selected)}
            >
              Why?
            </button>
            <button
              type="button"
              aria-pressed={assumptions.get(selected) === 'accepted'}
              onClick={() =>
                lens.assume(selected, assumptions.get(selected) === 'accepted' ? null : 'accepted')
              }
            >
              What if accepted
            </button>
            <button
              type="button"
              aria-pressed={assumptions.get(selected) === 'rejected'}
              onClick={() =>
                lens.assume(selected, assumptions.get(selected) === 'rejected' ? null : 'rejected')
              }
            >
              What if rejected
            </button>
          </div>
        </div>
      ) : (
        <p className="lens-note">Select a claim to ask why it stands or falls.</p>
      )}
      {why ? (
        <div role="region" aria-label="Why" className="lens-why-box">
          <h3>
            Why: <ClaimLink id={why.claim} label={why.label} />
          </h3>
          <WhyTree why={why} />
        </div>
      ) : null}
      {assumptions.size ? (
        <div className="lens-assumptions" role="note" aria-label="Assumptions">
          <h3>Assumptions on this device only</h3>
          <p className="lens-note">
            These change what you see here, not the map: nobody else sees them.
          </p>
          <ul>
            {[...assumptions].map(([claim, a]) => (
              <li key={claim}>
                <ClaimLink id={claim} /> assumed {a}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => lens.clearAssumptions()}>
            Clear assumptions
          </button>
        </div>
      ) : null}
    </section>
  );
}
