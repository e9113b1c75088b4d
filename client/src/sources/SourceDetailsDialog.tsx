import { ModelError, type SourceMeta, type SourceView } from '@warrant/shared';
import { useState, type FormEvent } from 'react';
import { editSourceDetails } from '../session/actions.ts';
import { useSession } from '../session/SessionContext.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { SOURCE_KINDS } from './ImportSourceDialog.tsx';

/**
 * Edits a source's title and citation details. Only the fields changed are written, so
 * someone else correcting another field at the same time keeps their change.
 */
export function SourceDetailsDialog({
  source,
  onClose,
}: {
  source: SourceView;
  onClose: () => void;
}) {
  const { session } = useSession();
  const [title, setTitle] = useState(source.title);
  const [authors, setAuthors] = useState(source.authors.join('; '));
  const [issued, setIssued] = useState(source.issued);
  const [kind, setKind] = useState(source.kind);
  const [url, setUrl] = useState(source.url ?? '');
  const [error, setError] = useState<string | null>(null);
  const kinds = SOURCE_KINDS.includes(source.kind) ? SOURCE_KINDS : [source.kind, ...SOURCE_KINDS];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const next: SourceMeta = {
      title: title.trim(),
      authors: authors
        .split(/[;\n]/)
        .map((a) => a.trim())
        .filter(Boolean),
      issued: issued.trim(),
      kind,
      url: url.trim(),
    };
    const patch: Partial<SourceMeta> = {};
    if (next.title !== source.title) patch.title = next.title;
    if (next.authors.join('\n') !== source.authors.join('\n')) patch.authors = next.authors;
    if (next.issued !== source.issued) patch.issued = next.issued;
    if (next.kind !== source.kind) patch.kind = next.kind;
    if (next.url !== (source.url ?? '')) patch.url = next.url;
    try {
      if (Object.keys(patch).length) editSourceDetails(session, source.id, patch);
      onClose();
    } catch (e) {
      setError(
        e instanceof ModelError
          ? `${e.message} Nothing was changed.`
          : 'The details could not be saved.',
      );
    }
  };

  return (
    <Dialog title="Source details" onClose={onClose}>
      <form className="import-form" onSubmit={submit}>
        <label className="field">
          <span>Title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label className="field">
          <span>Authors (separated by semicolons)</span>
          <input value={authors} onChange={(e) => setAuthors(e.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>Date</span>
            <input
              value={issued}
              placeholder="2023 or 2022-03-05"
              onChange={(e) => setIssued(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Kind</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>URL</span>
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save details
          </button>
        </div>
      </form>
    </Dialog>
  );
}
