import { shortCitation, type SourceId } from '@warrant/shared';
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
  const sourceId = chosen ?? sources[0]?.id ?? null;
  const reading = useReading(sourceId);

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
    </aside>
  );
}
