import { ModelError, type SourceMeta, type SourceView } from '@warrant/shared';
import { useState, type FormEvent } from 'react';
import { SourceFields } from './SourceFields.tsx';
import { sourceMetaOf, useSourceFields } from './useSourceFields.ts';
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
  const fields = useSourceFields(() => ({
    title: source.title,
    authors: source.authors.join('; '),
    issued: source.issued,
    kind: source.kind,
    url: source.url ?? '',
  }));
  const [error, setError] = useState<string | null>(null);
  const kinds = SOURCE_KINDS.includes(source.kind) ? SOURCE_KINDS : [source.kind, ...SOURCE_KINDS];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // An emptied URL field clears the source's URL.
    const next: SourceMeta = { ...sourceMetaOf(fields.values), url: fields.values.url.trim() };
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
        <SourceFields {...fields} kinds={kinds} />
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
