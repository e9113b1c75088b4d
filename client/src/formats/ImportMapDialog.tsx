import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ImportRefusedError, importMapOnRelay, type ImportedMap } from '../api/api.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { failureText } from '../ui/failure.ts';
import { ImportFileError, readMapFile } from './importFile.ts';
import {
  formatToSend,
  IMPORT_CHOICES,
  isImportChoice,
  megabytes,
  PROGRESS_FROM_BYTES,
  tooLarge,
  type ImportChoice,
} from './importFormats.ts';
import { ImportReport } from './ImportReport.tsx';

/** Where a large import is: reading the file here, sending it, or the relay building it. */
type Progress =
  { phase: 'reading' | 'uploading'; done: number; total: number } | { phase: 'building' };

interface Failure {
  message: string;
  details: readonly string[];
}

const ACCEPT = '.json,.argdown,.ad,.txt,application/json,text/plain';

/**
 * Import a map from a file or pasted text. The relay reads it (the parsers live there) and
 * stores nothing unless all of it imports; the dialog then shows what came in and what did
 * not, and opens the new map as its owner. A refusal shows the relay's words (an Argdown
 * syntax error names its line) and keeps the text, so it can be fixed and sent again.
 */
export function ImportMapDialog({
  onClose,
  onImported,
  onOpen,
}: {
  onClose: () => void;
  /** The map exists and this device owns it: remember it. */
  onImported: (map: ImportedMap) => void;
  onOpen: (map: ImportedMap) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [choice, setChoice] = useState<ImportChoice>('detect');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [imported, setImported] = useState<ImportedMap | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileHint = useId();
  /** After "Import another" the report's buttons are gone: focus goes back to the start. */
  const startAgain = useRef(false);

  useEffect(() => {
    if (imported || !startAgain.current) return;
    startAgain.current = false;
    fileInput.current?.focus();
  }, [imported]);

  const forgetFile = () => {
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const pick = (picked: File | undefined) => {
    setFailure(null);
    if (!picked) return forgetFile();
    const refusal = tooLarge(picked.size, `“${picked.name}”`);
    if (refusal) {
      forgetFile();
      return setFailure({ message: refusal, details: [] });
    }
    setFile(picked);
  };

  /** The text to send, read from the file (with progress when large) or the paste area. */
  const body = async (): Promise<string | null> => {
    if (file) {
      const big = file.size >= PROGRESS_FROM_BYTES;
      if (big) setProgress({ phase: 'reading', done: 0, total: file.size });
      return readMapFile(file, (done, total) => {
        if (big) setProgress({ phase: 'reading', done, total });
      });
    }
    if (!text.trim()) {
      setFailure({ message: 'Paste a map or choose a file first.', details: [] });
      return null;
    }
    const refusal = tooLarge(new Blob([text]).size, 'The pasted text');
    if (refusal) {
      setFailure({ message: refusal, details: [] });
      return null;
    }
    return text;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setBusy(true);
    try {
      const content = await body();
      if (content === null) return;
      const size = file?.size ?? content.length;
      const big = size >= PROGRESS_FROM_BYTES;
      if (big) setProgress({ phase: 'uploading', done: 0, total: size });
      const format = formatToSend(choice, content, file?.name);
      const map = await importMapOnRelay(content, {
        ...(format ? { format } : {}),
        ...(file ? { fileName: file.name } : {}),
        onProgress: (done, total) =>
          big &&
          setProgress(done < total ? { phase: 'uploading', done, total } : { phase: 'building' }),
      });
      onImported(map);
      setImported(map);
    } catch (e) {
      setFailure(
        e instanceof ImportRefusedError
          ? { message: e.message, details: e.details }
          : e instanceof ImportFileError
            ? { message: e.message, details: [] }
            : {
                message: failureText(e, {
                  what: 'Nothing was imported',
                  next: 'Check that the Warrant server is running, then try again.',
                }),
                details: [],
              },
      );
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  if (imported) {
    return (
      <Dialog title="Import a map" onClose={onClose} wide>
        <ImportReport
          map={imported}
          onOpen={() => onOpen(imported)}
          onAnother={() => {
            startAgain.current = true;
            setImported(null);
            setText('');
            forgetFile();
          }}
          onClose={onClose}
        />
      </Dialog>
    );
  }

  return (
    <Dialog title="Import a map" onClose={onClose} closable={!busy} wide>
      <form className="import-form" onSubmit={(e) => void submit(e)}>
        <p className="hint">
          A Warrant JSON file, an Argdown text, an AIF or OVA analysis, or a Kialo discussion
          export, up to 10 MB. The file is read on the server; nothing is stored unless all of it
          imports.
        </p>
        <label className="field">
          <span>Choose a file</span>
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            disabled={busy}
            aria-describedby={file ? fileHint : undefined}
            onChange={(e) => pick(e.target.files?.[0])}
          />
        </label>
        {file ? (
          <p className="import-file" id={fileHint}>
            <span>
              {file.name}, {megabytes(file.size)}. The file is imported, not the pasted text.
            </span>
            <button type="button" className="link" disabled={busy} onClick={forgetFile}>
              Remove the file
            </button>
          </p>
        ) : null}
        <label className="field">
          <span>Paste a map</span>
          <textarea
            rows={10}
            value={text}
            disabled={busy}
            spellCheck={false}
            placeholder={'[Claim]: A statement.\n  <+ [Reason]: Why it holds.'}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Format</span>
          <select
            value={choice}
            disabled={busy}
            onChange={(e) => {
              if (isImportChoice(e.target.value)) setChoice(e.target.value);
            }}
          >
            <option value="detect">Detect from content</option>
            {IMPORT_CHOICES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {progress ? <ProgressBar progress={progress} name={file?.name} /> : null}
        {failure ? (
          <div role="alert" className="form-error">
            <p>{failure.message}</p>
            {failure.details.length ? (
              <ul>
                {failure.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ProgressBar({ progress, name }: { progress: Progress; name: string | undefined }) {
  const labelId = useId();
  const label =
    progress.phase === 'building'
      ? 'Building the map on the server…'
      : `${progress.phase === 'reading' ? `Reading ${name ? `“${name}”` : 'the file'}` : 'Uploading'}: ${megabytes(progress.done)} of ${megabytes(progress.total)}`;
  return (
    <div className="field">
      <span id={labelId}>{label}</span>
      {progress.phase === 'building' ? (
        <progress aria-labelledby={labelId} />
      ) : (
        <progress aria-labelledby={labelId} value={progress.done} max={progress.total} />
      )}
    </div>
  );
}
