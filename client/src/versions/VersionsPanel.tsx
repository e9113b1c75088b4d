import { MAX_VERSION_NAME, observeMap, type DiffResponse, type VersionInfo } from '@warrant/shared';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { useSaved } from '../session/useSaved.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { compareMarks, describeChanges } from './compareMarks.ts';
import { DiffList } from './DiffList.tsx';
import { VersionDialog } from './VersionDialog.tsx';
import { diffWithNow, listVersions, restoreVersionOnRelay, saveVersion } from './versionsApi.ts';
import './versions.css';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The Versions panel beside the map: save a named version (owners and editors), the list of
 * versions (who, when, how much changed), and for each: open it read-only, compare it with
 * now (marks on the map and a list of changes), restore it (after a confirmation).
 */
export function VersionsPanel({ onClose }: { onClose: () => void }) {
  const { session, ui } = useSession();
  const canEdit = useCanEdit();
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<VersionInfo | null>(null);
  const [confirming, setConfirming] = useState<VersionInfo | null>(null);
  const [compared, setCompared] = useState<{ version: VersionInfo; diff: DiffResponse } | null>(
    null,
  );
  const { mapId, token } = session;
  const nameId = useId();
  const saved = useSaved();
  /** The map changed since the comparison was fetched: it is fetched again, once saved. */
  const [stale, setStale] = useState(false);
  const comparing = compared?.version ?? null;

  const refresh = useCallback(() => {
    listVersions(mapId, token).then(
      (list) => {
        setVersions(list);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [mapId, token]);
  useEffect(refresh, [refresh]);
  // Closing the panel stops comparing: the marks belong to it.
  useEffect(() => () => ui.showCompare(null), [ui]);

  // While comparing, the marks follow the map: any change (here or anyone's) makes the
  // comparison stale, and it is asked again once this device's edits are on the relay
  // (the relay compares what it has committed).
  useEffect(() => {
    if (!comparing) return;
    return observeMap(session.doc, () => setStale(true));
  }, [session, comparing]);
  useEffect(() => {
    if (!stale || !comparing || saved === false) return;
    const timer = setTimeout(() => {
      setStale(false);
      diffWithNow(mapId, token, comparing.id).then((diff) => {
        setCompared((now) =>
          now?.version.id === comparing.id ? { version: comparing, diff } : now,
        );
        if (ui.get().compare?.against === comparing.name) {
          ui.showCompare(compareMarks(comparing.name, diff));
        }
      }, fail);
    }, 400);
    return () => clearTimeout(timer);
  }, [stale, comparing, saved, mapId, token, ui]);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the version a name, such as “Before the seminar”.');
    setBusy(true);
    saveVersion(mapId, token, trimmed, session.me.name.slice(0, 100))
      .then((saved) => {
        setName('');
        setStatus(`Saved version “${saved.name}”.`);
        refresh();
      }, fail)
      .finally(() => setBusy(false));
  };

  const compare = (version: VersionInfo) => {
    setBusy(true);
    diffWithNow(mapId, token, version.id)
      .then((diff) => {
        setCompared({ version, diff });
        setError(null);
        ui.showCompare(compareMarks(version.name, diff));
        setStatus(`Comparing “${version.name}” with now.`);
      }, fail)
      .finally(() => setBusy(false));
  };

  const stopComparing = () => {
    setCompared(null);
    ui.showCompare(null);
    setStatus('');
  };

  const restore = (version: VersionInfo) => {
    setConfirming(null);
    setBusy(true);
    restoreVersionOnRelay(mapId, token, version.id)
      .then((done) => {
        stopComparing();
        setStatus(
          `Restored “${version.name}” (${describeChanges(done.changes)}). Everyone on the map sees it.`,
        );
        refresh();
      }, fail)
      .finally(() => setBusy(false));
  };

  return (
    <aside className="side-panel versions-panel" aria-label="Versions">
      <div className="versions-head">
        <h2>Versions</h2>
        <button type="button" aria-label="Close versions" onClick={onClose}>
          ✕
        </button>
      </div>
      {canEdit ? (
        <form className="version-save" onSubmit={save}>
          <label htmlFor={nameId}>Name of the version</label>
          <input
            id={nameId}
            value={name}
            maxLength={MAX_VERSION_NAME}
            placeholder="Before the seminar"
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="primary" disabled={busy}>
            Save version
          </button>
        </form>
      ) : null}
      <p role="status" className="versions-status">
        {status}
      </p>
      {error ? (
        <p role="alert" className="versions-error">
          {error}
        </p>
      ) : null}
      {compared ? (
        <section className="versions-compare" aria-label="Comparison">
          <div className="versions-compare-head">
            <h3>Changes since “{compared.version.name}”</h3>
            <button type="button" onClick={stopComparing}>
              Stop comparing
            </button>
          </div>
          <DiffList diff={compared.diff} against={compared.version.name} />
        </section>
      ) : null}
      {versions === null && !error ? <p role="status">Loading versions…</p> : null}
      {versions?.length === 0 ? (
        <p>
          No versions yet.{' '}
          {canEdit ? 'Save one to come back to it later.' : 'Owners and editors can save one.'} The
          relay also saves one when the map has been quiet for 10 minutes after edits.
        </p>
      ) : null}
      {versions?.length ? (
        <ol className="version-list" aria-label="Saved versions">
          {versions.map((v) => (
            <li key={v.id} className="version">
              <div className="version-name">
                {v.name}
                {v.auto ? <span className="version-auto"> (automatic)</span> : null}
              </div>
              <div className="version-meta">
                {when(v.createdAt)} · by {v.author} · {describeChanges(v.changes)}
              </div>
              <div className="version-actions">
                <button type="button" aria-label={`Open “${v.name}”`} onClick={() => setOpened(v)}>
                  Open
                </button>
                <button
                  type="button"
                  // The visible words first, so a person who says what they see names it.
                  aria-label={`Compare with now: “${v.name}”`}
                  disabled={busy}
                  onClick={() => compare(v)}
                >
                  Compare with now
                </button>
                {canEdit ? (
                  <button
                    type="button"
                    aria-label={`Restore “${v.name}”`}
                    disabled={busy}
                    onClick={() => setConfirming(v)}
                  >
                    Restore…
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {opened ? <VersionDialog version={opened} onClose={() => setOpened(null)} /> : null}
      {confirming ? (
        <Dialog title={`Restore “${confirming.name}”?`} onClose={() => setConfirming(null)}>
          <p>
            The map will hold what it held in this version, for everyone on it: claims added since
            are removed, removed ones come back, and reworded ones get their old words. It is a new
            change, so nothing anyone does meanwhile is lost, and you can go back by restoring a
            newer version.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => restore(confirming)}>
              Restore this version
            </button>
          </div>
        </Dialog>
      ) : null}
    </aside>
  );
}
