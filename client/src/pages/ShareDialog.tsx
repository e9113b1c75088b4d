import { useCallback, useEffect, useState } from 'react';
import {
  createLink,
  listLinks,
  revokeLink,
  type LinkInfo,
  type NewLink,
  type ShareRole,
} from '../api/api.ts';
import { mapPath } from './route.ts';
import { useSession } from '../session/SessionContext.ts';
import { useRole } from '../session/useRole.ts';
import { CopyField } from '../ui/CopyField.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { failureText } from '../ui/failure.ts';

const ROLE_WORDS: Record<string, string> = {
  owner: 'Owner',
  editor: 'Can edit',
  commenter: 'Can comment',
  viewer: 'Can view',
};

function linkUrl(mapId: string, token?: string): string {
  return `${window.location.origin}${mapPath(mapId, token)}`;
}

/**
 * Sharing. The owner creates editor, commenter and viewer links (the token rides in the URL fragment,
 * so it never reaches a server log), sees them listed, and revokes them; the relay closes
 * connections opened with a revoked link. Everyone else can copy the link they came with.
 */
export function ShareDialog({
  onClose,
  onAssign,
}: {
  onClose: () => void;
  /** Given to the owner: makes an assignment from this map (the classroom). */
  onAssign?: () => void;
}) {
  const { session } = useSession();
  const role = useRole();
  const token = session.token;
  const owner = role === 'owner' && !!token;
  const [links, setLinks] = useState<LinkInfo[] | null>(null);
  const [fresh, setFresh] = useState<NewLink | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    if (!owner || !token) return;
    listLinks(session.mapId, token).then(setLinks, (e: unknown) => setError(failureText(e)));
  }, [owner, token, session.mapId]);
  useEffect(refresh, [refresh]);

  const make = async (kind: ShareRole) => {
    if (!token) return;
    setError(null);
    try {
      setFresh(await createLink(session.mapId, token, kind));
      refresh();
    } catch (e) {
      setError(failureText(e, { next: 'Try again in a moment.' }));
    }
  };
  const revoke = async (link: LinkInfo) => {
    if (!token) return;
    setError(null);
    try {
      await revokeLink(session.mapId, token, link.id);
      if (fresh?.id === link.id) setFresh(null);
      refresh();
    } catch (e) {
      setError(failureText(e, { next: 'The link still works; try again.' }));
    }
  };

  return (
    <Dialog title="Share this map" onClose={onClose} wide>
      {owner ? (
        <>
          <p>
            Create a link for each group: people with an editor link can change the map, people with
            a commenter link can comment, mark and suggest but not change it, and people with a
            viewer link can only read it.
          </p>
          <div className="dialog-actions start">
            <button type="button" className="primary" onClick={() => void make('editor')}>
              Create editor link
            </button>
            <button type="button" onClick={() => void make('commenter')}>
              Create commenter link
            </button>
            <button type="button" onClick={() => void make('viewer')}>
              Create viewer link
            </button>
          </div>
          {onAssign ? (
            <div className="sample">
              <button type="button" onClick={onAssign}>
                Make an assignment…
              </button>
              <span className="hint">
                Every student or group gets their own copy of this map; you review and grade them.
              </span>
            </div>
          ) : null}
          {fresh ? (
            <CopyField
              label={`New ${fresh.role} link — copy it now, it is shown only once`}
              value={linkUrl(session.mapId, fresh.token)}
            />
          ) : null}
          <h3>Links</h3>
          {links === null ? (
            <p className="hint">Loading links…</p>
          ) : (
            <ul className="link-list">
              {links.map((l) => (
                <li key={l.id} className={l.revokedAt ? 'revoked' : ''}>
                  <span className="link-role">{ROLE_WORDS[l.role] ?? l.role}</span>
                  {l.label ? <span className="link-label">{l.label}</span> : null}
                  <span className="hint">
                    {l.createdAt ? `made ${new Date(l.createdAt).toLocaleString()}` : ''}
                    {l.revokedAt ? ' · revoked' : ''}
                  </span>
                  {l.role !== 'owner' && !l.revokedAt ? (
                    <button
                      type="button"
                      className="link"
                      aria-label={`Revoke ${ROLE_WORDS[l.role] ?? l.role} link ${l.label ? `of ${l.label} ` : ''}made ${l.createdAt ? new Date(l.createdAt).toLocaleString() : ''}`}
                      onClick={() => void revoke(l)}
                    >
                      Revoke
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <CopyField label="Link to this map" value={linkUrl(session.mapId, token)} />
          <p className="hint">
            {role === 'viewer'
              ? 'This link lets people read the map, not change it.'
              : role === 'commenter'
                ? 'This link lets people read the map and comment on it, not change it.'
                : token
                  ? 'Anyone with this link can open the map with the same rights as you.'
                  : 'Anyone with this link can open the map and edit it with you.'}
          </p>
        </>
      )}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
