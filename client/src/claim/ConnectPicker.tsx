import { getClaim, listClaims, type ClaimId, type RelationKind } from '@warrant/shared';
import { useId, useMemo, useState } from 'react';
import { connectClaims } from '../session/actions.ts';
import { useSession } from '../session/SessionContext.ts';
import { Dialog } from '../ui/Dialog.tsx';

const SHOWN = 50;

/**
 * The keyboard way to link two existing claims (the pointer way is dragging between cards):
 * find the other claim by its words, then say whether the selected one supports or rebuts it.
 */
export function ConnectPicker({ from, onClose }: { from: ClaimId; onClose: () => void }) {
  const { session, ui } = useSession();
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState<ClaimId | null>(null);
  const listId = useId();
  const source = getClaim(session.doc, from)?.text ?? '';
  const claims = useMemo(
    () => listClaims(session.doc).filter((c) => c.id !== from),
    [session, from],
  );
  const words = query.trim().toLowerCase();
  const matches = (
    words ? claims.filter((c) => c.text.toLowerCase().includes(words)) : claims
  ).slice(0, SHOWN);

  const link = (kind: RelationKind) => {
    if (!target) return;
    try {
      connectClaims(session, from, { claim: target }, kind);
      ui.select({ kind: 'claim', id: from });
    } catch (error) {
      ui.notify(
        `Could not connect them: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    onClose();
  };

  return (
    <Dialog title="Connect to another claim" onClose={onClose} wide>
      <p className="hint">
        “{source.length > 120 ? `${source.slice(0, 120)}…` : source || 'Empty claim'}”
      </p>
      <label className="field">
        <span>Find a claim</span>
        <input
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-controls={listId}
          placeholder="Type some of its words"
        />
      </label>
      <div id={listId} role="radiogroup" aria-label="Claims to connect to" className="pick-list">
        {matches.map((c) => (
          <label key={c.id} className={target === c.id ? 'pick chosen' : 'pick'}>
            <input
              type="radio"
              name="connect-target"
              checked={target === c.id}
              onChange={() => setTarget(c.id)}
            />
            <span>{c.text || 'Empty claim'}</span>
          </label>
        ))}
        {matches.length === 0 ? <p className="hint">No claim has those words.</p> : null}
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="primary support"
          disabled={!target}
          onClick={() => link('support')}
        >
          + Supports it
        </button>
        <button
          type="button"
          className="primary rebut"
          disabled={!target}
          onClick={() => link('rebut')}
        >
          − Rebuts it
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
