import {
  compareMaps,
  getClaim,
  observeMap,
  type ClaimId,
  type CompareReport,
  type RelationShape,
} from '@warrant/shared';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useSession } from '../session/SessionContext.ts';
import { errorMessage } from '../ui/failure.ts';
import { DiffSection } from '../versions/DiffList.tsx';
import { missingGhostId, referenceMarks } from './compareMarks.ts';
import { loadReference, type LoadedReference } from './referenceApi.ts';
import { parseReferenceLink } from './referenceLink.ts';
import '../versions/versions.css';
import './compare.css';

/** How long the map must be still before the comparison is made again. */
const RECOMPARE_MS = 300;

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * "Compare with…": this map compared with a reference map (an instructor's model answer)
 * named by its link or id. The comparison runs here, on the map as it is, again after every
 * change; the canvas marks claims matched or extra, ghosts the reference's missing claims
 * and marks reasons turned around or extra; the panel lists them, each jumping to its place.
 */
export function ComparePanel({ onClose }: { onClose: () => void }) {
  const { session, ui } = useSession();
  const inputId = useId();
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reference, setReference] = useState<LoadedReference | null>(null);
  const [report, setReport] = useState<CompareReport | null>(null);

  // Closing the panel stops comparing: the marks belong to it (not those of the Versions
  // panel, which may have replaced them since).
  const clearMarks = useCallback(() => {
    if (ui.get().compare?.with === 'reference') ui.showCompare(null);
  }, [ui]);
  useEffect(() => clearMarks, [clearMarks]);

  useEffect(() => {
    if (!reference) return;
    const run = (first: boolean) => {
      const next = compareMaps(session.doc, reference.prepared);
      setReport(next);
      // The canvas shows one comparison: this one, unless the Versions panel's took its place
      // since.
      const shown = ui.get().compare;
      if (first || !shown || shown.with === 'reference') {
        ui.showCompare(referenceMarks(reference.title, next));
      }
    };
    run(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = observeMap(session.doc, () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(false), RECOMPARE_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [session, reference, ui]);

  const compare = (event: FormEvent) => {
    event.preventDefault();
    const link = parseReferenceLink(input);
    if (!link) {
      setError('Paste the reference map’s link (from its Share dialog) or its id.');
      return;
    }
    setBusy(true);
    setError(null);
    loadReference(
      link.mapId === session.mapId && !link.token ? { ...link, ...tokenOf(session.token) } : link,
    )
      .then(setReference, (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };

  const stop = () => {
    setReference(null);
    setReport(null);
    clearMarks();
  };

  return (
    <aside
      className="side-panel versions-panel compare-panel"
      aria-label="Compare with a reference"
    >
      <div className="versions-head">
        <h2>Compare with a reference</h2>
        <button type="button" aria-label="Close comparison" onClick={onClose}>
          ✕
        </button>
      </div>
      <form className="version-save" onSubmit={compare}>
        <label htmlFor={inputId}>Reference map (its link or id)</label>
        <input
          id={inputId}
          value={input}
          placeholder="https://…/maps/…#token=…"
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          Compare
        </button>
      </form>
      {busy ? <p role="status">Opening the reference map…</p> : null}
      {error ? (
        <p role="alert" className="versions-error">
          {error}
        </p>
      ) : null}
      {reference && report ? (
        <section className="versions-compare" aria-label="Comparison">
          <div className="versions-compare-head">
            <h3>Compared with “{reference.title}”</h3>
            <button type="button" onClick={stop}>
              Stop comparing
            </button>
          </div>
          <ReportList report={report} against={reference.title} />
        </section>
      ) : null}
    </aside>
  );
}

function tokenOf(token: string | undefined): { token?: string } {
  return token ? { token } : {};
}

/** The report as lists: what is missing, extra and turned around, each a jump to its place. */
function ReportList({ report, against }: { report: CompareReport; against: string }) {
  const { session, ui } = useSession();
  const { claims, relations, score } = report;
  // Reference claims by id, and where each is in this map (its match), to name reasons.
  const names = useMemo(() => {
    const refText = new Map<ClaimId, string>();
    const here = new Map<ClaimId, ClaimId>();
    for (const m of claims.matched) {
      refText.set(m.reference, m.referenceText);
      here.set(m.reference, m.student);
    }
    for (const c of claims.missing) refText.set(c.id, c.text);
    return { refText, here };
  }, [claims]);
  const mine = (id: ClaimId) => getClaim(session.doc, id)?.text || 'a claim';
  const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;
  const targetOf = (r: RelationShape, side: 'reference' | 'student') =>
    'claim' in r.target
      ? quote(
          side === 'student'
            ? mine(r.target.claim)
            : (names.refText.get(r.target.claim) ?? 'a claim'),
        )
      : 'a reason';
  const show = (id: string, claim: boolean) => {
    ui.setView('map');
    if (claim && getClaim(session.doc, id)) ui.select({ kind: 'claim', id });
    else if (!claim) ui.select({ kind: 'reason', id });
    ui.reveal(id);
  };
  const jump = (key: string, label: string, body: ReactNode, go: () => void) => (
    <li key={key}>
      <button type="button" className="diff-item" aria-label={label} onClick={go}>
        {body}
      </button>
    </li>
  );
  const kindWord = (k: 'support' | 'rebut') => (k === 'support' ? 'supports' : 'rebuts');
  /** Where a missing reference reason would be here: at its target's match, else its ghost. */
  const missingPlace = (r: RelationShape): string | null => {
    if (!('claim' in r.target)) return null;
    return names.here.get(r.target.claim) ?? missingGhostId(r.target.claim);
  };
  const found = claims.matched.length;
  return (
    <div className="diff-list" role="region" aria-label={`Comparison with “${against}”`}>
      <p className="compare-score" role="status">
        Score {percent(score.overall)}: {found} of {report.reference.claims} reference claims found
        ({claims.extra.length} extra), {relations.agree.length} of {report.reference.relations}{' '}
        reasons agree.
      </p>
      <DiffSection title="Missing claims" count={claims.missing.length}>
        {claims.missing.map((c) =>
          jump(
            c.id,
            `Missing: ${c.text}`,
            <>
              <span className="diff-badge missing">Missing</span> {c.text}
            </>,
            () => show(missingGhostId(c.id), true),
          ),
        )}
      </DiffSection>
      <DiffSection title="Extra claims" count={claims.extra.length}>
        {claims.extra.map((c) =>
          jump(
            c.id,
            `Extra: ${c.text}`,
            <>
              <span className="diff-badge extra">Extra</span> {c.text}
            </>,
            () => show(c.id, true),
          ),
        )}
      </DiffSection>
      <DiffSection title="Reasons turned around" count={relations.disagree.length}>
        {relations.disagree.map((p) => {
          const text = `here ${kindWord(p.studentKind)}, in the reference ${kindWord(p.referenceKind)}`;
          return jump(
            p.student,
            `Turned around: ${text}`,
            <>
              <span className="diff-badge turned">Turned around</span> {text}
            </>,
            () => show(p.student, false),
          );
        })}
      </DiffSection>
      <DiffSection title="Missing reasons" count={relations.missing.length}>
        {relations.missing.map((r) => {
          const premises = r.premises
            .map((p) => quote(names.refText.get(p) ?? 'a claim'))
            .join(' + ');
          const text = `${premises} ${kindWord(r.kind)} ${targetOf(r, 'reference')}`;
          const place = missingPlace(r);
          return jump(
            r.id,
            `Missing reason: ${text}`,
            <>
              <span className="diff-badge missing">Missing</span> {text}
            </>,
            () => place && show(place, true),
          );
        })}
      </DiffSection>
      <DiffSection title="Extra reasons" count={relations.extra.length}>
        {relations.extra.map((r) => {
          const text = `${r.premises.map((p) => quote(mine(p))).join(' + ')} ${kindWord(r.kind)} ${targetOf(r, 'student')}`;
          return jump(
            r.id,
            `Extra reason: ${text}`,
            <>
              <span className="diff-badge extra">Extra</span> {text}
            </>,
            () => show(r.id, false),
          );
        })}
      </DiffSection>
      <details className="compare-matched">
        <summary>Matched claims ({found})</summary>
        <ul>
          {claims.matched.map((m) =>
            jump(
              m.student,
              `Matched ${m.by === 'passage' ? 'by cited passage' : `by wording (${percent(m.similarity)} alike)`}: ${m.studentText}`,
              <>
                <span className="diff-badge matched">Matched</span> {m.studentText}{' '}
                <span className="compare-how">
                  {m.by === 'passage'
                    ? `cites the same passage${m.sharedPassages > 1 ? 's' : ''}`
                    : `${percent(m.similarity)} alike`}
                </span>
              </>,
              () => show(m.student, true),
            ),
          )}
        </ul>
      </details>
    </div>
  );
}
