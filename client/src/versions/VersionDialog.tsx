import type { VersionInfo } from '@warrant/shared';
import { useEffect, useState } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { drawVersion, type OpenedVersion } from './drawVersion.ts';
import { versionJson } from './versionsApi.ts';

/** "Open": one version, read-only: the map picture as it was, and its claims as text. */
export function VersionDialog({ version, onClose }: { version: VersionInfo; onClose: () => void }) {
  const { session } = useSession();
  const [opened, setOpened] = useState<OpenedVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    versionJson(session.mapId, session.token, version.id)
      .then((json) => drawVersion(session.mapId, json))
      .then(
        (o) => live && setOpened(o),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [session, version.id]);
  useEffect(() => {
    if (!opened) return;
    const made = URL.createObjectURL(new Blob([opened.picture.svg], { type: 'image/svg+xml' }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [opened]);
  return (
    <Dialog title={`Version “${version.name}” (read only)`} onClose={onClose} wide>
      {error ? <p role="alert">{error}</p> : null}
      {!opened && !error ? <p role="status">Opening the version…</p> : null}
      {opened ? (
        <div className="version-view">
          <p>
            Saved {new Date(version.createdAt).toLocaleString()} by {version.author}. This is how
            the map was then; nothing here can be changed.
          </p>
          {url ? (
            <div className="version-picture">
              <img
                src={url}
                width={opened.picture.width}
                height={opened.picture.height}
                alt={`The map “${opened.title}” as it was in version “${version.name}”: ${opened.claims.length} claims, listed below.`}
              />
            </div>
          ) : null}
          <h3>Claims in this version ({opened.claims.length})</h3>
          <ul className="version-claims" aria-label="Claims in this version">
            {opened.claims.map((c) => (
              <li key={c.id}>{c.text || '(empty claim)'}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
