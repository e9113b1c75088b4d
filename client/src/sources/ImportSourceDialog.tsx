import { MAX_SOURCE_TEXT, ModelError } from '@warrant/shared';
import { useState, type FormEvent } from 'react';
import { SourceFields } from './SourceFields.tsx';
import { sourceMetaOf, useSourceFields } from './useSourceFields.ts';
import { importSource } from '../session/actions.ts';
import { useSession } from '../session/SessionContext.ts';
import {
  fileKind,
  htmlToText,
  ImportError,
  looksLikeText,
  MAX_FILE_BYTES,
  pdfToText,
  plainFileText,
  readTextFile,
  type Extracted,
} from './extractText.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { errorMessage } from '../ui/failure.ts';

export const SOURCE_KINDS = ['journal article', 'op-ed', 'book', 'report', 'web page', 'other'];

/**
 * Import a source: paste its text or upload a .txt, .md, .html or .pdf file (read here, in
 * the browser), with its citation. A bad or oversized file says so and changes nothing.
 */
export function ImportSourceDialog({ onClose }: { onClose: () => void }) {
  const { session, ui } = useSession();
  const fields = useSourceFields({
    title: '',
    authors: '',
    issued: '',
    kind: SOURCE_KINDS[0] ?? 'other',
    url: '',
  });
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{
    done: number;
    total: number;
    unit: 'page' | 'byte';
  } | null>(null);

  const readFile = async (file: File) => {
    setError(null);
    try {
      const k = fileKind(file);
      let got: Extracted;
      if (k === 'pdf') {
        setProgress({ done: 0, total: 1, unit: 'page' });
        got = await pdfToText(await file.arrayBuffer(), (done, total) =>
          setProgress({ done, total, unit: 'page' }),
        );
      } else {
        setProgress({ done: 0, total: file.size, unit: 'byte' });
        const raw = await readTextFile(file, (done, total) =>
          setProgress({ done, total, unit: 'byte' }),
        );
        if (!looksLikeText(raw)) {
          throw new ImportError(
            `“${file.name}” does not hold readable text (is it really a ${k === 'html' ? 'web page' : 'text file'}?). Nothing was imported.`,
          );
        }
        got = k === 'html' ? htmlToText(raw) : { text: plainFileText(raw) };
      }
      if (!got.text.trim()) throw new ImportError(`“${file.name}” has no text.`);
      if (got.text.length > MAX_SOURCE_TEXT) {
        throw new ImportError(
          `“${file.name}” holds ${got.text.length.toLocaleString()} characters of text; a source may have at most ${MAX_SOURCE_TEXT.toLocaleString()}. Nothing was imported.`,
        );
      }
      setBody(got.text);
      const { values, set } = fields;
      if (!values.title.trim()) set.title(got.title ?? file.name.replace(/\.[^.]+$/, ''));
      if (!values.authors.trim() && got.authors) set.authors(got.authors.join('; '));
    } catch (e) {
      setError(
        e instanceof ImportError
          ? e.message
          : `“${file.name}” could not be read (${errorMessage(e)}). Nothing was imported; try another file, or paste the text.`,
      );
    } finally {
      setProgress(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!body.trim()) return setError('Paste the source’s text or upload a file first.');
    if (body.length > MAX_SOURCE_TEXT) {
      return setError(
        `This text has ${body.length.toLocaleString()} characters; a source may have at most ${MAX_SOURCE_TEXT.toLocaleString()}.`,
      );
    }
    try {
      const id = importSource(session, { ...sourceMetaOf(fields.values), body });
      ui.openReader(id);
      onClose();
    } catch (e) {
      setError(e instanceof ModelError ? e.message : 'The source could not be imported.');
    }
  };

  return (
    <Dialog title="Import a source" onClose={onClose} wide>
      <form className="import-form" onSubmit={submit}>
        <label className="field">
          <span>
            Upload a file (.txt, .md, .html or .pdf, up to {MAX_FILE_BYTES / 1024 / 1024} MB)
          </span>
          <input
            type="file"
            accept=".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/html,application/pdf"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void readFile(file);
            }}
          />
        </label>
        <SourceFields {...fields} kinds={SOURCE_KINDS} />
        {progress ? (
          <label className="field">
            <span>
              {progress.unit === 'page'
                ? `Reading page ${progress.done} of ${progress.total}`
                : `Reading ${(progress.done / 1048576).toFixed(1)} of ${(progress.total / 1048576).toFixed(1)} MB`}
            </span>
            <progress aria-label="Reading the file" value={progress.done} max={progress.total} />
          </label>
        ) : null}
        <label className="field">
          <span>Source text</span>
          <textarea
            rows={10}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder="Paste the text here, or upload a file above."
          />
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
          <button type="submit" className="primary" disabled={progress !== null}>
            Import source
          </button>
        </div>
      </form>
    </Dialog>
  );
}
