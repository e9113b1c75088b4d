import {
  getClaim,
  listClaims,
  type ClaimId,
  type RelationId,
  type RelationKind,
} from '@warrant/shared';
import { useId, useMemo, useState } from 'react';
import { connectClaims, joinReason } from '../session/actions.ts';
import { useSession } from '../session/SessionContext.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { failureText } from '../ui/failure.ts';

/** What a claim is being connected to, when a drag between cards has already said it. */
export type ConnectTarget = { kind: 'claim'; id: ClaimId } | { kind: 'reason'; id: RelationId };

/** How many claims the picker lists at once; typing narrows them down. */
const SHOWN = 50;

/**
 * The one way to connect a claim to the rest of the map. Dragged between two cards, the
 * target is known and the dialog asks only what the link means. By keyboard ("Connect to…",
 * C), the person first finds the other claim by its words, then says whether the claim
 * supports or rebuts it.
 */
export function ConnectDialog({
  from,
  to,
  onClose,
}: {
  from: ClaimId;
  to?: ConnectTarget;
  onClose: () => void;
}) {
  const { session, ui } = useSession();
  const [picked, setPicked] = useState<ClaimId | null>(null);
  const target: ConnectTarget | null = to ?? (picked ? { kind: 'claim', id: picked } : null);

  const run = (action: (target: ConnectTarget) => void) => () => {
    if (!target) return;
    try {
      action(target);
      // Found by keyboard: the claim the person started from stays the one they are on.
      if (!to) ui.select({ kind: 'claim', id: from });
    } catch (error) {
      ui.notify(failureText(error, { what: 'Could not connect them' }));
    }
    onClose();
  };
  const link = (kind: RelationKind) =>
    run((t) =>
      connectClaims(session, from, t.kind === 'claim' ? { claim: t.id } : { relation: t.id }, kind),
    );

  if (to?.kind === 'reason') {
    const reason = to.id;
    return (
      <Dialog title="Join this reason" onClose={onClose}>
        <p>Add the claim as a co-premise of this reason, or rebut the inference itself?</p>
        <div className="dialog-actions">
          <button
            type="button"
            className="primary"
            onClick={run(() => joinReason(session, reason, from))}
          >
            Add as co-premise
          </button>
          <button type="button" className="primary rebut" onClick={link('rebut')}>
            − Rebuts the inference
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={to ? 'Connect claims' : 'Connect to another claim'} onClose={onClose} wide={!to}>
      {to ? (
        <p>How does the dragged claim bear on the other one?</p>
      ) : (
        <ClaimPicker from={from} picked={picked} onPick={setPicked} />
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="primary support"
          disabled={!target}
          onClick={link('support')}
        >
          {to ? '+ Supports' : '+ Supports it'}
        </button>
        <button type="button" className="primary rebut" disabled={!target} onClick={link('rebut')}>
          {to ? '− Rebuts' : '− Rebuts it'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

/** The claim being connected, then a search box and the claims whose words match it. */
function ClaimPicker({
  from,
  picked,
  onPick,
}: {
  from: ClaimId;
  picked: ClaimId | null;
  onPick: (claim: ClaimId) => void;
}) {
  const { session } = useSession();
  const [query, setQuery] = useState('');
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
  return (
    <>
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
          <label key={c.id} className={picked === c.id ? 'pick chosen' : 'pick'}>
            <input
              type="radio"
              name="connect-target"
              checked={picked === c.id}
              onChange={() => onPick(c.id)}
            />
            <span>{c.text || 'Empty claim'}</span>
          </label>
        ))}
        {matches.length === 0 ? <p className="hint">No claim has those words.</p> : null}
      </div>
    </>
  );
}
