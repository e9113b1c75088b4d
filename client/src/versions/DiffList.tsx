import { getClaim, getPassage, type DiffResponse, type WordOp } from '@warrant/shared';
import type { ReactNode } from 'react';
import { useSession } from '../session/SessionContext.ts';

/** A reworded claim's words: removed ones struck through, new ones underlined, and said so. */
function Words({ words }: { words: readonly WordOp[] }) {
  return (
    <span className="diff-words">
      {words.map((w, i) =>
        w.op === 'equal' ? (
          <span key={i}>{w.text}</span>
        ) : w.op === 'delete' ? (
          <del key={i}>
            <span className="visually-hidden">[removed: </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <ins key={i}>
            <span className="visually-hidden">[added: </span>
            {w.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </span>
  );
}

/** A titled list of changes with its count; nothing while it is empty. */
export function DiffSection({
  title,
  count,
  children,
}: {
  title: string;
  count: number;
  children: ReactNode;
}) {
  if (count === 0) return null;
  return (
    <section className="diff-section">
      <h4>
        {title} ({count})
      </h4>
      <ul>{children}</ul>
    </section>
  );
}

/**
 * Everything that changed since a version, as a list: each entry names its change in words
 * ("Added", "Removed", "Changed") and jumps to what it is about on the map.
 */
export function DiffList({ diff, against }: { diff: DiffResponse; against: string }) {
  const { session, ui } = useSession();
  const textOf = (id: string, fallback = 'a claim') => getClaim(session.doc, id)?.text || fallback;
  const removedText = new Map(diff.claims.removed.map((c) => [c.id, c.text]));
  const show = (id: string) => {
    ui.setView('map');
    if (getClaim(session.doc, id)) ui.select({ kind: 'claim', id });
    ui.reveal(id);
  };
  const jump = (id: string, label: string, body: ReactNode) => (
    <li key={label + id}>
      <button type="button" className="diff-item" aria-label={label} onClick={() => show(id)}>
        {body}
      </button>
    </li>
  );
  const target = (t: { claim: string } | { relation: string }) =>
    'claim' in t
      ? `“${textOf(t.claim, removedText.get(t.claim) ?? 'a removed claim')}”`
      : 'a reason';
  const { claims, relations, evidence } = diff;
  const total =
    claims.added.length +
    claims.removed.length +
    claims.changed.length +
    relations.added.length +
    relations.removed.length +
    relations.changed.length +
    evidence.added.length +
    evidence.removed.length;
  if (total === 0) {
    return <p role="status">Nothing has changed since “{against}”.</p>;
  }
  const quote = (passage: string) => getPassage(session.doc, passage)?.quote.exact ?? 'a passage';
  return (
    <div className="diff-list" aria-label={`Changes since “${against}”`} role="region">
      <DiffSection title="Claims added" count={claims.added.length}>
        {claims.added.map((c) =>
          jump(
            c.id,
            `Added: ${c.text}`,
            <>
              <span className="diff-badge added">Added</span> {c.text}
            </>,
          ),
        )}
      </DiffSection>
      <DiffSection title="Claims removed" count={claims.removed.length}>
        {claims.removed.map((c) =>
          jump(
            c.id,
            `Removed: ${c.text}`,
            <>
              <span className="diff-badge removed">Removed</span> {c.text}
            </>,
          ),
        )}
      </DiffSection>
      <DiffSection title="Claims reworded" count={claims.changed.length}>
        {claims.changed.map((c) =>
          jump(
            c.id,
            `Changed: ${c.from} → ${c.to}`,
            <>
              <span className="diff-badge changed">Changed</span> <Words words={c.words} />
            </>,
          ),
        )}
      </DiffSection>
      <DiffSection title="Reasons added" count={relations.added.length}>
        {relations.added.map((r) =>
          jump(
            r.id,
            `Reason added: ${r.kind === 'support' ? 'supports' : 'rebuts'} ${target(r.target)}`,
            <>
              <span className="diff-badge added">Added</span>{' '}
              {r.kind === 'support' ? 'Support' : 'Rebuttal'} for {target(r.target)}
            </>,
          ),
        )}
      </DiffSection>
      <DiffSection title="Reasons removed" count={relations.removed.length}>
        {relations.removed.map((r) =>
          jump(
            'claim' in r.target ? r.target.claim : r.id,
            `Reason removed: ${r.kind === 'support' ? 'supported' : 'rebutted'} ${target(r.target)}`,
            <>
              <span className="diff-badge removed">Removed</span>{' '}
              {r.kind === 'support' ? 'Support' : 'Rebuttal'} for {target(r.target)}
            </>,
          ),
        )}
      </DiffSection>
      <DiffSection title="Reasons changed" count={relations.changed.length}>
        {relations.changed.map((r) =>
          jump(
            r.id,
            `Reason changed: ${target(r.to.target)}`,
            <>
              <span className="diff-badge changed">Changed</span>{' '}
              {r.from.kind !== r.to.kind
                ? `now ${r.to.kind === 'support' ? 'supports' : 'rebuts'} (was ${r.from.kind === 'support' ? 'supporting' : 'rebutting'})`
                : `premises ${r.from.premises.length} → ${r.to.premises.length}`}{' '}
              {target(r.to.target)}
            </>,
          ),
        )}
      </DiffSection>
      <DiffSection title="Citations" count={evidence.added.length + evidence.removed.length}>
        {evidence.added.map((e) =>
          jump(
            e.claim,
            `Citation added to ${textOf(e.claim)}`,
            <>
              <span className="diff-badge added">Added</span> “{textOf(e.claim)}” cites “
              {quote(e.passage)}”
            </>,
          ),
        )}
        {evidence.removed.map((e) =>
          jump(
            e.claim,
            `Citation removed from ${textOf(e.claim, removedText.get(e.claim))}`,
            <>
              <span className="diff-badge removed">Removed</span> “
              {textOf(e.claim, removedText.get(e.claim))}” no longer cites “{quote(e.passage)}”
            </>,
          ),
        )}
      </DiffSection>
    </div>
  );
}
