import type { ClaimId, EvalGraph, RelationId } from '@warrant/shared';
import type { ReactNode } from 'react';
import { useClaimView } from '../claim/useClaimView.ts';
import { useLens } from '../session/useLens.ts';
import { ClaimLink } from './ClaimLink.tsx';
import { useGoToClaim } from './useGoToClaim.ts';

/** The author's checks, each finding a button that goes to the claim concerned. */
export function ChecksPanel() {
  const latest = useLens((l) => l.latest);
  if (!latest) {
    return (
      <section className="lens-section" aria-labelledby="checks-heading">
        <h2 id="checks-heading">Checks</h2>
        <p className="lens-note">Checking the map…</p>
      </section>
    );
  }
  const { checks, graph } = latest;
  const claimList = (ids: ClaimId[]) =>
    ids.map((id) => (
      <li key={id}>
        <ClaimLink id={id} />
      </li>
    ));
  const reasonList = (ids: RelationId[], verb: string) =>
    ids.map((id) => (
      <li key={id}>
        <ReasonLink graph={graph} relation={id} verb={verb} />
      </li>
    ));
  return (
    <section className="lens-section" aria-labelledby="checks-heading">
      <h2 id="checks-heading">Checks</h2>
      <Group title="Rebuttals never answered" count={checks.unanswered.length}>
        {reasonList(checks.unanswered, 'Unanswered rebuttal')}
      </Group>
      <Group title="Reasons with a deleted premise" count={checks.brokenReasons.length}>
        {reasonList(checks.brokenReasons, 'Reason missing a premise')}
      </Group>
      <Group title="Circular support" count={checks.circular.length}>
        {checks.circular.map((circle) => (
          <li key={circle.join(' ')}>
            <ul className="lens-circle" aria-label="Claims supporting each other">
              {claimList(circle)}
            </ul>
          </li>
        ))}
      </Group>
      <Group title="Only orphaned evidence" count={checks.orphanedOnly.length}>
        {claimList(checks.orphanedOnly)}
      </Group>
      <Group title="No support and no evidence" count={checks.unsupported.length}>
        {claimList(checks.unsupported)}
      </Group>
    </section>
  );
}

function Group({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <div className="lens-check" role="group" aria-label={`${title} (${count})`}>
      <h3>
        {title} ({count})
      </h3>
      {count ? <ul>{children}</ul> : <p className="lens-note">None.</p>}
    </div>
  );
}

/** A reason named by its first premise's words; goes to that premise (or else its target). */
function ReasonLink({
  graph,
  relation,
  verb,
}: {
  graph: EvalGraph;
  relation: RelationId;
  verb: string;
}) {
  const r = graph.relations.find((x) => x.id === relation);
  const goTo = useGoToClaim();
  const premise = r?.premises[0];
  const target = r && 'claim' in r.target ? r.target.claim : undefined;
  const to = premise ?? target;
  const { text } = useClaimView(to ?? '');
  if (!to) return <span>{verb}</span>;
  const words = text || 'Empty claim';
  return (
    <button
      type="button"
      className="lens-claim-link"
      aria-label={`${verb}: ${words}`}
      onClick={() => goTo(to)}
    >
      {verb}: “{words}”
    </button>
  );
}
