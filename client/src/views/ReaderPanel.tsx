import {
  findAll,
  readingParagraphs,
  shortCitation,
  trimSpan,
  type ClaimId,
  type PassageId,
  type ReadingParagraph,
  type SourceId,
  type Stance,
} from '@warrant/shared';
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { citeSpan, claimFromSpan } from '../core/actions.ts';
import type { ReaderPassage } from '../core/EvidenceStore.ts';
import { plainText } from '../editor/StaticRichText.tsx';
import { useSession } from '../hooks/SessionContext.ts';
import { useCanEdit } from '../hooks/useCanEdit.ts';
import { useReading } from '../hooks/useReading.ts';
import { useSources } from '../hooks/useSources.ts';
import { useUi } from '../hooks/useUi.ts';

interface Span {
  start: number;
  end: number;
}

/**
 * The reader beside the map: one source as flowing paragraphs (PDF line breaks joined for
 * display; quotes are always taken from the original text), search within it, cited passages
 * highlighted by stance, and citing from a selection.
 */
export function ReaderPanel({ onImport }: { onImport: () => void }) {
  const { session, ui } = useSession();
  const reader = useUi((s) => s.reader);
  const selection = useUi((s) => s.selection);
  const sources = useSources();
  const canEdit = useCanEdit();
  const sourceId = reader?.source ?? sources[0]?.id ?? null;
  const reading = useReading(sourceId);
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [picked, setPicked] = useState<Span | null>(null);
  const [open, setOpen] = useState<PassageId | null>(null);
  const article = useRef<HTMLDivElement>(null);

  const text = reading?.text ?? '';
  const paragraphs = useMemo(() => readingParagraphs(text), [text]);
  const matches = useMemo(() => findAll(text, query), [text, query]);
  const current = matches.length ? matches[Math.min(matchIndex, matches.length - 1)] : undefined;

  // A chip asked for a passage: scroll to it and focus it.
  const target = reader?.passage ?? null;
  const seq = reader?.seq ?? 0;
  useEffect(() => {
    if (!target) return;
    const el = article.current?.querySelector<HTMLElement>(`[data-passage-head="${target}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
    setOpen(target);
  }, [target, seq, reading]);

  // Keep the current search match in view.
  useEffect(() => {
    if (!current) return;
    article.current
      ?.querySelector<HTMLElement>('mark.match.current')
      ?.scrollIntoView({ block: 'center' });
  }, [current]);

  // The selection inside the article, as offsets into the source text.
  useEffect(() => {
    const onChange = () => setPicked(selectedSpan(article.current, text));
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [text]);

  const claim = selection?.kind === 'claim' ? selection.id : null;
  const cite = (stance: Stance) => {
    if (!picked || !claim || !sourceId) return;
    const passage = citeSpan(session, claim, sourceId, picked, stance);
    window.getSelection()?.removeAllRanges();
    setPicked(null);
    setOpen(passage);
  };
  const newClaim = () => {
    if (!picked || !sourceId) return;
    const id = claimFromSpan(session, sourceId, picked, text.slice(picked.start, picked.end));
    window.getSelection()?.removeAllRanges();
    setPicked(null);
    ui.select({ kind: 'claim', id });
    ui.reveal(id);
  };

  const openPassage = reading?.passages.find((p) => p.id === open);
  return (
    <aside className="reader" aria-label="Reader">
      <div className="reader-head">
        <label className="reader-source">
          <span className="visually-hidden">Source</span>
          <select
            aria-label="Source"
            value={sourceId ?? ''}
            onChange={(e) => ui.openReader(e.target.value as SourceId)}
          >
            {sources.length === 0 ? <option value="">No sources yet</option> : null}
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {shortCitation(s)} — {s.title}
              </option>
            ))}
          </select>
        </label>
        {canEdit ? (
          <button type="button" aria-label="Import source" onClick={onImport}>
            Import…
          </button>
        ) : null}
        <button type="button" aria-label="Close reader" onClick={() => ui.closeReader()}>
          ✕
        </button>
      </div>
      {reading ? (
        <>
          <div className="reader-meta">
            <strong>{reading.source.title}</strong>
            <span>
              {reading.source.authors.join(', ')}
              {reading.source.issued ? ` (${reading.source.issued})` : ''}
              {reading.source.kind ? ` · ${reading.source.kind}` : ''}
            </span>
            {reading.source.url ? (
              <a href={reading.source.url} target="_blank" rel="noreferrer noopener">
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
                  const step = e.shiftKey ? -1 : 1;
                  setMatchIndex((i) => (i + step + matches.length) % matches.length);
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
              disabled={matches.length === 0}
              onClick={() => setMatchIndex((i) => (i - 1 + matches.length) % matches.length)}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label="Next match"
              disabled={matches.length === 0}
              onClick={() => setMatchIndex((i) => (i + 1) % matches.length)}
            >
              ↓
            </button>
          </div>
          {canEdit ? (
            <div className="reader-cite" role="group" aria-label="Cite the selected passage">
              <span className="hint">
                {picked
                  ? claim
                    ? 'Cite the selection for the selected claim:'
                    : 'Select a claim on the map to cite this for it, or:'
                  : 'Select words in the source to cite them.'}
              </span>
              <button
                type="button"
                disabled={!picked || !claim}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => cite('support')}
              >
                Cite as support
              </button>
              <button
                type="button"
                disabled={!picked || !claim}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => cite('rebut')}
              >
                Cite as rebuttal
              </button>
              <button
                type="button"
                disabled={!picked}
                onMouseDown={(e) => e.preventDefault()}
                onClick={newClaim}
              >
                New claim from passage
              </button>
            </div>
          ) : null}
          {openPassage ? <CitedBy passage={openPassage} onClose={() => setOpen(null)} /> : null}
          <div className="reader-text" ref={article} aria-label={`Text of ${reading.source.title}`}>
            {paragraphs.map((p) => (
              <p key={p.start} data-start={p.start}>
                {renderParagraph(p, reading.passages, matches, current, setOpen)}
              </p>
            ))}
          </div>
          {reading.orphaned.length ? (
            <section className="orphaned" aria-label="Orphaned passages">
              <h3>Passages whose words were deleted</h3>
              <ul>
                {reading.orphaned.map((p) => (
                  <li key={p.id}>
                    <q>{p.quote}</q> — cited by {p.citedBy.length} claim
                    {p.citedBy.length === 1 ? '' : 's'}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <p className="reader-empty">
          {sources.length ? 'Pick a source.' : 'This map has no sources yet.'}
        </p>
      )}
    </aside>
  );
}

/** Which claims cite a passage, each a button that brings the claim into view. */
function CitedBy({ passage, onClose }: { passage: ReaderPassage; onClose: () => void }) {
  const { session, ui } = useSession();
  return (
    <div className="cited-by" role="region" aria-label="Claims citing this passage">
      <div className="cited-by-head">
        <q>{passage.quote}</q>
        <button type="button" aria-label="Close citing claims" onClick={onClose}>
          ✕
        </button>
      </div>
      {passage.citedBy.length === 0 ? <p>No claim cites this passage.</p> : null}
      <ul>
        {passage.citedBy.map(({ claim, stance }) => {
          const text = claimText(session.store.getClaimContent(claim)) || 'empty claim';
          return (
            <li key={`${claim}-${stance}`}>
              <button
                type="button"
                aria-label={`Go to claim ${stance === 'support' ? 'supported' : 'rebutted'} by this passage: ${text}`}
                onClick={() => {
                  ui.select({ kind: 'claim', id: claim as ClaimId });
                  ui.reveal(claim);
                }}
              >
                <span className={`stance ${stance}`}>
                  {stance === 'support' ? '+ supports' : '− rebuts'}
                </span>{' '}
                {text}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function claimText(content: Parameters<typeof plainText>[0]): string {
  const t = plainText(content);
  return t.length > 90 ? `${t.slice(0, 89)}…` : t;
}

/**
 * One paragraph cut at every passage and search-match boundary. Each cut is plain text, a
 * search match, or part of one or more cited passages; a passage's first piece is the one
 * that takes focus and carries its accessible name.
 */
function renderParagraph(
  p: ReadingParagraph,
  passages: readonly ReaderPassage[],
  matches: readonly [number, number][],
  current: [number, number] | undefined,
  onOpen: (id: PassageId) => void,
): ReactNode {
  const inside = passages.filter((x) => x.end > p.start && x.start < p.end);
  const hits = matches.filter(([s, e]) => e > p.start && s < p.end);
  if (inside.length === 0 && hits.length === 0) return p.text;
  const cuts = new Set<number>([p.start, p.end]);
  for (const x of inside) cuts.add(Math.max(p.start, x.start)).add(Math.min(p.end, x.end));
  for (const [s, e] of hits) cuts.add(Math.max(p.start, s)).add(Math.min(p.end, e));
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i] ?? 0;
    const b = points[i + 1] ?? 0;
    let node: ReactNode = p.text.slice(a - p.start, b - p.start);
    const hit = hits.find(([s, e]) => s <= a && e >= b);
    if (hit) {
      const isCurrent = current && hit[0] === current[0];
      node = <mark className={`match${isCurrent ? ' current' : ''}`}>{node}</mark>;
    }
    const covering = inside.filter((x) => x.start <= a && x.end >= b);
    if (covering.length) {
      const first = covering[0];
      const stances = new Set(covering.flatMap((x) => x.citedBy.map((c) => c.stance)));
      const kind = stances.size === 2 ? 'mixed' : stances.has('rebut') ? 'rebut' : 'support';
      const head = first && first.start === a ? first : undefined;
      node = (
        <mark
          className={`passage ${kind}`}
          data-passage={first?.id}
          {...(head
            ? {
                'data-passage-head': head.id,
                tabIndex: 0,
                role: 'button',
                'aria-label': passageLabel(head),
                onKeyDown: (e: React.KeyboardEvent) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onOpen(head.id);
                  }
                },
              }
            : {})}
          onClick={() => first && onOpen(first.id)}
        >
          {node}
        </mark>
      );
    }
    out.push(<Fragment key={a}>{node}</Fragment>);
  }
  return out;
}

function passageLabel(p: ReaderPassage): string {
  const support = p.citedBy.filter((c) => c.stance === 'support').length;
  const rebut = p.citedBy.length - support;
  const parts = [];
  if (support) parts.push(`supports ${support} claim${support === 1 ? '' : 's'}`);
  if (rebut) parts.push(`rebuts ${rebut} claim${rebut === 1 ? '' : 's'}`);
  return `Cited passage: “${p.quote}” (${parts.join(', ') || 'not cited'})`;
}

/** The selection inside `root`, as trimmed offsets into the source text; null if none. */
function selectedSpan(root: HTMLElement | null, text: string): Span | null {
  const sel = window.getSelection();
  if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const start = offsetOf(root, range.startContainer, range.startOffset);
  const end = offsetOf(root, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const [s, e] = trimSpan(text, start, end);
  return e > s ? { start: s, end: e } : null;
}

/** The source offset of a DOM position inside one of the reader's paragraphs. */
function offsetOf(root: HTMLElement, node: Node, offset: number): number | null {
  const element = node instanceof Element ? node : node.parentElement;
  const para = element?.closest<HTMLElement>('p[data-start]');
  if (!para || !root.contains(para)) return null;
  const before = document.createRange();
  before.setStart(para, 0);
  before.setEnd(node, offset);
  return Number(para.dataset.start) + before.toString().length;
}
