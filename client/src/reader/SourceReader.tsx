import {
  findAll,
  readingParagraphs,
  shortQuote,
  type ClaimId,
  type PassageId,
  type Stance,
} from '@warrant/shared';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { citeSpan, claimFromSpan, deleteSourceText } from '../session/actions.ts';
import type { SourceReading } from '../session/EvidenceStore.ts';
import { plainText } from '../editor/StaticRichText.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { useClaimContent } from '../session/useClaimContent.ts';
import { useUi } from '../session/useUi.ts';
import { CitedBy } from './CitedBy.tsx';
import { CitingClaims } from './CitingClaims.tsx';
import { ReaderText } from './ReaderText.tsx';
import { selectedSpan, selectSpan, type Span } from './selection.ts';
import { failureText, MAP_MAY_HAVE_CHANGED } from '../ui/failure.ts';

function ClaimName({ claim }: { claim: ClaimId }) {
  const text = plainText(useClaimContent(claim));
  return <q>{text ? shortQuote(text, 70) : 'empty claim'}</q>;
}

/** The cite buttons, for the words picked in the text and the claim selected on the map. */
function CiteBar({
  picked,
  quote,
  claim,
  onCite,
  onNewClaim,
  onDelete,
}: {
  picked: Span | null;
  quote: string;
  claim: ClaimId | null;
  onCite: (stance: Stance) => void;
  onNewClaim: () => void;
  onDelete: () => void;
}) {
  const hint = useId();
  // Buttons keep the text's selection: a mouse press on them must not clear it first.
  const keep = (e: { preventDefault: () => void }) => e.preventDefault();
  return (
    <div className="reader-cite" role="group" aria-label="Cite the selected passage">
      <p className="hint" id={hint}>
        {picked ? (
          <>
            Selected: <q>{shortQuote(quote, 90)}</q>{' '}
            {claim ? (
              <>
                — cite it for <ClaimName claim={claim} />:
              </>
            ) : (
              '— select a claim on the map to cite it for, or:'
            )}
          </>
        ) : (
          'Select words in the text (or find them and press “Select match”) to cite them.'
        )}
      </p>
      <button
        type="button"
        aria-describedby={hint}
        disabled={!picked || !claim}
        onMouseDown={keep}
        onClick={() => onCite('support')}
      >
        <span aria-hidden="true">+ </span>Cite as support
      </button>
      <button
        type="button"
        aria-describedby={hint}
        disabled={!picked || !claim}
        onMouseDown={keep}
        onClick={() => onCite('rebut')}
      >
        <span aria-hidden="true">− </span>Cite as rebuttal
      </button>
      <button type="button" disabled={!picked} onMouseDown={keep} onClick={onNewClaim}>
        New claim from passage
      </button>
      <button
        type="button"
        className="danger"
        disabled={!picked}
        title="Clean up the source: delete a page header or a footnote number left by PDF extraction (Ctrl+Z undoes it)"
        onMouseDown={keep}
        onClick={onDelete}
      >
        Delete from source
      </button>
    </div>
  );
}

/**
 * One source in the reader: its citation, search, the cite bar, the text with its cited
 * passages, which claims cite the one in focus, and passages whose words are gone.
 */
export function SourceReader({ reading }: { reading: SourceReading }) {
  const { session, ui } = useSession();
  const canEdit = useCanEdit();
  const request = useUi((s) => s.reader);
  const selection = useUi((s) => s.selection);
  const claim = selection?.kind === 'claim' ? selection.id : null;
  const { source, text } = reading;

  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  // Words picked, with the text they were picked in: if someone changes the text, offsets
  // picked before may point at other words, so the pick no longer counts.
  const [pick, setPick] = useState<{ span: Span; in: string } | null>(null);
  const picked = pick && pick.in === text ? pick.span : null;
  const setPicked = useCallback(
    (span: Span | null) => setPick(span ? { span, in: text } : null),
    [text],
  );
  const [preview, setPreview] = useState<readonly PassageId[] | null>(null);
  const [pinned, setPinned] = useState<readonly PassageId[] | null>(null);
  const [status, setStatus] = useState('');
  const [scrollTo, setScrollTo] = useState<{ id: PassageId; seq: number } | null>(null);
  const article = useRef<HTMLDivElement>(null);
  const citedBy = useRef<HTMLElement>(null);
  const handled = useRef(0);
  const focusCitedBy = useRef(false);

  const paragraphs = useMemo(() => readingParagraphs(text), [text]);
  const matches = useMemo(() => findAll(text, query), [text, query]);
  const current = matches.length ? matches[Math.min(matchIndex, matches.length - 1)] : undefined;

  // A chip asked for a passage (once per request): keep its citing claims open and bring it
  // into view, focused. Orphaned passages have no place in the text; their entry below does.
  useEffect(() => {
    if (!request?.passage || request.seq === handled.current) return;
    const id = request.passage;
    if (reading.passages.some((p) => p.id === id)) {
      handled.current = request.seq;
      setPinned([id]);
      setScrollTo({ id, seq: request.seq });
    } else if (reading.orphaned.some((p) => p.id === id)) {
      handled.current = request.seq;
      setScrollTo({ id, seq: request.seq });
    }
  }, [request, reading]);

  // After the render that opened the list below the text, so the passage stays in view.
  useLayoutEffect(() => {
    if (!scrollTo) return;
    const el =
      article.current?.querySelector<HTMLElement>(`[data-passage-head~="${scrollTo.id}"]`) ??
      document.querySelector<HTMLElement>(`[data-orphan="${scrollTo.id}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [scrollTo]);

  useLayoutEffect(() => {
    if (pinned && focusCitedBy.current) {
      focusCitedBy.current = false;
      citedBy.current?.querySelector<HTMLElement>('button')?.focus();
    }
  }, [pinned]);

  // Keep the current search match in view.
  useEffect(() => {
    if (!current) return;
    article.current
      ?.querySelector<HTMLElement>('mark.match.current')
      ?.scrollIntoView({ block: 'center' });
  }, [current]);

  // Words picked in the text, as offsets into the source. A selection elsewhere (a claim
  // card clicked to choose what to cite for) leaves the pick alone.
  useEffect(() => {
    const onChange = () => {
      const root = article.current;
      if (!root) return;
      const span = selectedSpan(root, text);
      if (span === 'collapsed') setPicked(null);
      else if (span) setPicked(span);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [text, setPicked]);

  const onPreview = useCallback((ids: readonly PassageId[] | null) => setPreview(ids), []);
  const passages = reading.passages;
  const describe = useCallback(
    (ids: readonly PassageId[]) => {
      const lines: string[] = [];
      for (const p of passages) {
        if (!ids.includes(p.id)) continue;
        for (const c of p.citedBy) {
          const text = plainText(session.store.getClaimContent(c.claim)) || 'empty claim';
          lines.push(
            `${c.stance === 'support' ? '+ Supports' : '− Rebuts'}: ${shortQuote(text, 80)}`,
          );
        }
      }
      return lines.length
        ? `${lines.join('\n')}\n(click to list them)`
        : 'No claim cites this now.';
    },
    [passages, session],
  );
  const onPin = useCallback((ids: readonly PassageId[], keyboard: boolean) => {
    focusCitedBy.current = keyboard;
    setPinned(ids);
  }, []);
  const closeCitedBy = useCallback(() => {
    const first = pinned?.[0];
    setPinned(null);
    setPreview(null);
    if (first)
      article.current?.querySelector<HTMLElement>(`[data-passage-head~="${first}"]`)?.focus();
  }, [pinned]);

  const quote = picked ? text.slice(picked.start, picked.end) : '';
  const done = (message: string) => {
    window.getSelection()?.removeAllRanges();
    setPicked(null);
    setStatus(message);
  };
  const cite = (stance: Stance) => {
    if (!picked || !claim) return;
    try {
      const passage = citeSpan(session, claim, source.id, picked, stance);
      setPinned([passage]);
      done(`Cited as ${stance === 'support' ? 'support' : 'rebuttal'}.`);
    } catch (error) {
      ui.notify(failureText(error, { what: 'That did not work', next: MAP_MAY_HAVE_CHANGED }));
    }
  };
  const newClaim = () => {
    if (!picked) return;
    try {
      const id = claimFromSpan(session, source.id, picked, quote);
      done('New claim made from the passage.');
      ui.select({ kind: 'claim', id });
      ui.reveal(id);
    } catch (error) {
      ui.notify(failureText(error, { what: 'That did not work', next: 'Try again.' }));
    }
  };
  const deleteWords = () => {
    if (!picked) return;
    try {
      deleteSourceText(session, source.id, picked);
      done(
        `Deleted ${picked.end - picked.start} characters from the source; cited passages keep to their words. Ctrl+Z brings them back.`,
      );
    } catch (error) {
      ui.notify(failureText(error, { what: 'That did not work' }));
    }
  };
  const selectMatch = () => {
    if (!current || !article.current) return;
    const span = { start: current[0], end: current[1] };
    selectSpan(article.current, span);
    setPicked(span);
  };

  const shownIds = pinned ?? preview;
  const shown = shownIds
    ? reading.passages.filter((p) => shownIds.includes(p.id))
    : ([] as typeof reading.passages);
  const step = (by: number) =>
    setMatchIndex((i) => (Math.min(i, matches.length - 1) + by + matches.length) % matches.length);

  return (
    <>
      <div className="reader-meta">
        <strong>{source.title}</strong>
        <span>
          {source.authors.join(', ')}
          {source.issued ? ` (${source.issued})` : ''}
          {source.kind ? ` · ${source.kind}` : ''}
        </span>
        {source.url ? (
          <a href={source.url} target="_blank" rel="noreferrer noopener">
            Original
          </a>
        ) : null}
      </div>
      <div className="reader-search" role="search">
        <input
          type="search"
          aria-label="Search in source"
          placeholder="Search in source"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setMatchIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches.length) {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <span aria-live="polite" className="match-count">
          {query.trim()
            ? matches.length
              ? `${Math.min(matchIndex, matches.length - 1) + 1} of ${matches.length}`
              : 'No matches'
            : ''}
        </span>
        <button
          type="button"
          aria-label="Previous match"
          aria-keyshortcuts="Shift+Enter"
          disabled={matches.length === 0}
          onClick={() => step(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label="Next match"
          aria-keyshortcuts="Enter"
          disabled={matches.length === 0}
          onClick={() => step(1)}
        >
          ↓
        </button>
        {canEdit ? (
          <button type="button" disabled={!current} onClick={selectMatch}>
            Select match
          </button>
        ) : null}
      </div>
      {canEdit ? (
        <CiteBar
          picked={picked}
          quote={quote}
          claim={claim}
          onCite={cite}
          onNewClaim={newClaim}
          onDelete={deleteWords}
        />
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <ReaderText
        ref={article}
        title={source.title}
        text={text}
        paragraphs={paragraphs}
        passages={reading.passages}
        matches={matches}
        current={current}
        onPreview={onPreview}
        onPin={onPin}
        describe={describe}
      />
      {shown.length ? (
        <CitedBy ref={citedBy} passages={shown} pinned={pinned !== null} onClose={closeCitedBy} />
      ) : null}
      {reading.orphaned.length ? (
        <section className="orphaned" aria-label="Orphaned passages">
          <h3>Cited words no longer in the source</h3>
          <ul>
            {reading.orphaned.map((p) => (
              <li key={p.id} data-orphan={p.id} tabIndex={-1}>
                <span className="orphan-tag">Orphaned</span> <q>{p.quote.replace(/\s+/g, ' ')}</q>
                <CitingClaims passage={p.id} citedBy={p.citedBy} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
