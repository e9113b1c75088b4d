import {
  exportMap,
  shortCitation,
  type MapJson,
  type ProConNode,
  type ProConReason,
} from '@warrant/shared';
import { useEffect, useMemo, useRef } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { useForest } from '../session/useForest.ts';

type Source = MapJson['sources'][number];

/** What one claim cites, resolved: the quote, the source it is from, and the stance. */
interface Quote {
  key: string;
  exact: string;
  source: Source | undefined;
  stance: 'support' | 'rebut';
}

/** The map's text, its quotes by claim, and the sources they cite, in the order first cited. */
function readMap(map: MapJson) {
  const texts = new Map(map.claims.map((c) => [c.id, c.text]));
  const sources = new Map(map.sources.map((s) => [s.id, s]));
  const passages = new Map(map.passages.map((p) => [p.id, p]));
  const quotes = new Map<string, Quote[]>();
  const cited = new Map<string, Source>();
  for (const e of map.evidence) {
    const passage = passages.get(e.passage);
    if (!passage) continue;
    const source = sources.get(passage.source);
    if (source) cited.set(source.id, source);
    const list = quotes.get(e.claim) ?? [];
    list.push({
      key: `${e.passage}:${e.stance}`,
      exact: passage.selector[0].exact.replace(/\s+/g, ' ').trim(),
      source,
      stance: e.stance,
    });
    quotes.set(e.claim, list);
  }
  return { texts, quotes, cited: [...cited.values()] };
}

type MapText = ReturnType<typeof readMap>;

/**
 * The map laid out for paper: the title, each conclusion with its pros and cons nested below
 * (the outline's pro/con forest), every claim's quotes with their sources, and the sources
 * themselves at the end. The print style sheet (`@media print` in styles.css) leaves out
 * these controls, prints black on white and keeps a claim and its quotes on one page. The
 * browser's print dialog opens once the view is drawn.
 */
export function PrintView({ onBack }: { onBack: () => void }) {
  const { session } = useSession();
  const forest = useForest();
  const title = session.store.getStructure().title;
  // The words as they are now: a printout is a snapshot, redrawn when the map's shape changes.
  const text = useMemo(() => forest && readMap(exportMap(session.doc)), [forest, session]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    const previous = document.title;
    document.title = title || previous;
    // After this frame is painted, so the dialog shows the view and not the map.
    const timer = setTimeout(() => window.print(), 50);
    return () => {
      clearTimeout(timer);
      document.title = previous;
    };
    // Print once, when the view opens; the title stays as it was then.
  }, []);

  return (
    <div className="print-view">
      <div className="print-controls" role="toolbar" aria-label="Print view">
        <button type="button" className="primary" onClick={onBack}>
          Back to the map
        </button>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <span className="print-hint">This is the map as it will print.</span>
      </div>
      <article className="print-page" aria-labelledby="print-title">
        <h1 id="print-title" ref={heading} tabIndex={-1}>
          {title || 'Untitled map'}
        </h1>
        {forest.length === 0 ? <p>This map has no claims yet.</p> : null}
        {forest.map((root) => (
          <section key={root.claim} className="print-root">
            <h2 className="print-claim">{text.texts.get(root.claim) || '(empty claim)'}</h2>
            <Quotes quotes={text.quotes.get(root.claim)} />
            <Reasons node={root} text={text} />
          </section>
        ))}
        {text.cited.length ? (
          <section className="print-sources" aria-labelledby="print-sources">
            <h2 id="print-sources">Sources</h2>
            <ol>
              {text.cited.map((s) => (
                <li key={s.id}>
                  {s.authors.length ? `${s.authors.join(', ')}. ` : ''}
                  {s.issued ? `(${s.issued}). ` : ''}
                  <cite>{s.title}</cite>
                  {s.url ? (
                    <>
                      {'. '}
                      <a href={s.url}>{s.url}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </article>
    </div>
  );
}

function Reasons({ node, text }: { node: ProConNode; text: MapText }) {
  if (node.cycle || node.reasons.length === 0) return null;
  return (
    <ul className="print-reasons">
      {node.reasons.map((reason) => (
        <Reason key={reason.relation} reason={reason} text={text} undercut={false} />
      ))}
    </ul>
  );
}

function Reason({
  reason,
  text,
  undercut,
}: {
  reason: ProConReason;
  text: MapText;
  undercut: boolean;
}) {
  const label = undercut
    ? 'Con (against the inference)'
    : reason.kind === 'support'
      ? 'Pro'
      : 'Con';
  const linked = reason.premises.length > 1;
  return (
    <li className={`print-reason ${reason.kind}`}>
      {linked ? <p className="print-label">{label} (these premises together):</p> : null}
      <ul className={linked ? 'print-premises' : 'print-premises single'}>
        {reason.premises.map((premise) => (
          <li key={premise.claim}>
            <div className="print-claim">
              {linked ? null : <strong className="print-label">{label}: </strong>}
              {text.texts.get(premise.claim) || '(empty claim)'}
              {premise.cycle ? <em> (already above on this branch)</em> : null}
              <Quotes quotes={text.quotes.get(premise.claim)} />
            </div>
            <Reasons node={premise} text={text} />
          </li>
        ))}
      </ul>
      {reason.undercuts.length ? (
        <ul className="print-reasons">
          {reason.undercuts.map((u) => (
            <Reason key={u.relation} reason={u} text={text} undercut />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Quotes({ quotes }: { quotes: Quote[] | undefined }) {
  if (!quotes?.length) return null;
  return (
    <>
      {quotes.map((q) => (
        <blockquote key={q.key} className="print-quote">
          <p>“{q.exact}”</p>
          <footer>
            — {q.source ? shortCitation(q.source) : 'a source no longer in the map'} (
            {q.stance === 'support' ? 'supports' : 'rebuts'})
          </footer>
        </blockquote>
      ))}
    </>
  );
}
