import { useState } from 'react';
import { mapPath } from '../core/route.ts';
import { useSession } from '../hooks/SessionContext.ts';
import { Dialog } from './Dialog.tsx';

/**
 * The link to this map. Editor and viewer links with their own tokens come with roles
 * (issue 4); until then the link gives what this page has.
 */
export function ShareDialog({ token, onClose }: { token?: string; onClose: () => void }) {
  const { session } = useSession();
  const link = `${window.location.origin}${mapPath(session.mapId, token)}`;
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title="Share this map" onClose={onClose}>
      <label className="field">
        <span>Link to this map</span>
        <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="hint">Anyone with this link can open the map and edit it with you.</p>
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
