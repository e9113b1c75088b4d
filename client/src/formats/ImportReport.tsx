import { useId } from 'react';
import type { ImportedMap } from '../api/api.ts';
import { count, importReportView } from './importReport.ts';

/**
 * What an import did, shown once the map exists: what came in, what the map has no place
 * for or holds only roughly (each with where it was in the file), and passages that were
 * found only roughly or not at all in their sources, with their quotes.
 */
export function ImportReport({
  map,
  onOpen,
  onAnother,
  onClose,
}: {
  map: ImportedMap;
  onOpen: () => void;
  onAnother: () => void;
  onClose: () => void;
}) {
  const view = importReportView(map.import);
  const headingId = useId();
  const clean =
    !view.leftOut.length && !view.approximated.length && !view.fuzzy && !view.orphaned.length;
  return (
    <section className="import-report" aria-labelledby={headingId}>
      <h3 id={headingId}>Imported “{map.title || 'Untitled map'}”</h3>
      <p role="status">{view.summary}</p>
      {clean ? <p>Everything in the file came in.</p> : null}
      <NoteList title="Left out" notes={view.leftOut} />
      <NoteList title="Approximated" notes={view.approximated} />
      {view.fuzzy ? <p>{fuzzyText(view.fuzzy)}</p> : null}
      {view.orphaned.length ? (
        <>
          <h4>Not found in their sources ({view.orphaned.length})</h4>
          <p className="hint">
            Kept as passages without a place; find these words in the source and cite them again.
          </p>
          <ul className="import-quotes">
            {view.orphaned.map((p) => (
              <li key={p.id}>
                <q>{p.quote}</q>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" onClick={onAnother}>
          Import another
        </button>
        {/* The next step once the report is read: focus starts here. */}
        <button type="button" className="primary" onClick={onOpen} autoFocus>
          Open the map
        </button>
      </div>
    </section>
  );
}

function fuzzyText(n: number): string {
  return n === 1
    ? '1 passage was found only roughly in its source: its words differ slightly from its quote.'
    : `${count(n, 'passage')} were found only roughly in their sources: their words differ slightly from their quotes.`;
}

function NoteList({ title, notes }: { title: string; notes: ImportedMap['import']['notes'] }) {
  if (!notes.length) return null;
  return (
    <>
      <h4>
        {title} ({notes.length})
      </h4>
      <ul className="import-notes">
        {notes.map((n, i) => (
          <li key={i}>
            {n.at ? <strong>{n.at}: </strong> : null}
            {n.message}
          </li>
        ))}
      </ul>
    </>
  );
}
