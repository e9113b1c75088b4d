import { shortCitation, type SourceId } from '@warrant/shared';
import { useState } from 'react';
import { RemoveSourceDialog } from '../sources/RemoveSourceDialog.tsx';
import { SourceDetailsDialog } from '../sources/SourceDetailsDialog.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { useReading } from '../session/useReading.ts';
import { useSources } from '../session/useSources.ts';
import { useUi } from '../session/useUi.ts';
import { SourceReader } from './SourceReader.tsx';

/**
 * The reader beside the map (or the outline): pick one of the map's sources and read it;
 * editors import sources from here too.
 */
export function ReaderPanel({ onImport }: { onImport: () => void }) {
  const { ui } = useSession();
  const chosen = useUi((s) => s.reader?.source ?? null);
  const sources = useSources();
  const canEdit = useCanEdit();
  // The source chosen, unless it was just removed (here or by someone else): then the first.
  const sourceId =
    (chosen && sources.some((s) => s.id === chosen) ? chosen : sources[0]?.id) ?? null;
  const reading = useReading(sourceId);
  const source = sources.find((s) => s.id === sourceId);
  const [dialog, setDialog] = useState<'details' | 'remove' | null>(null);

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
        {canEdit && source ? (
          <>
            <button
              type="button"
              aria-label="Edit source details"
              title="Edit this source’s title, authors, date, kind and URL"
              onClick={() => setDialog('details')}
            >
              Details…
            </button>
            <button
              type="button"
              aria-label="Remove source"
              title="Remove this source, its passages and their citations"
              onClick={() => setDialog('remove')}
            >
              Remove…
            </button>
          </>
        ) : null}
        {canEdit ? (
          <button type="button" aria-label="Import source" onClick={onImport}>
            Import…
          </button>
        ) : null}
        <button type="button" aria-label="Close reader" onClick={() => ui.closeReader()}>
          ✕
        </button>
      </div>
      {reading && sourceId ? (
        // Keyed by source: search, selection and open lists start afresh for each source.
        <SourceReader key={sourceId} reading={reading} />
      ) : (
        <div className="reader-empty">
          <p>{sources.length ? 'Pick a source.' : 'This map has no sources yet.'}</p>
          {canEdit && sources.length === 0 ? (
            <p>
              Import one (paste its text, or upload a .txt, .md, .html or .pdf file), then select
              words in it to cite them for a claim.
            </p>
          ) : null}
        </div>
      )}
      {dialog === 'details' && source ? (
        <SourceDetailsDialog source={source} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'remove' && source ? (
        <RemoveSourceDialog source={source} reading={reading} onClose={() => setDialog(null)} />
      ) : null}
    </aside>
  );
}
