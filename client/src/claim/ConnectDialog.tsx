import type { ClaimId, RelationId } from '@warrant/shared';
import { connectClaims, joinReason } from '../session/actions.ts';
import type { MapSession } from '../session/MapSession.ts';
import { useSession } from '../session/SessionContext.ts';
import { Dialog } from '../ui/Dialog.tsx';

export interface PendingConnection {
  premise: ClaimId;
  target: ClaimId | RelationId;
  targetKind: 'claim' | 'reason';
}

/** After a drag between two cards: what should the new link mean? */
export function ConnectDialog({
  pending,
  session,
  onClose,
}: {
  pending: PendingConnection;
  session: MapSession;
  onClose: () => void;
}) {
  const { ui } = useSession();
  const run = (fn: () => void) => () => {
    try {
      fn();
    } catch (error) {
      ui.notify(
        `Could not connect them: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    onClose();
  };
  const toClaim = pending.targetKind === 'claim';
  return (
    <Dialog title={toClaim ? 'Connect claims' : 'Join this reason'} onClose={onClose}>
      <p>
        {toClaim
          ? 'How does the dragged claim bear on the other one?'
          : 'Add the claim as a co-premise of this reason, or rebut the inference itself?'}
      </p>
      <div className="dialog-actions">
        {toClaim ? (
          <>
            <button
              type="button"
              className="primary support"
              onClick={run(() =>
                connectClaims(session, pending.premise, { claim: pending.target }, 'support'),
              )}
            >
              + Supports
            </button>
            <button
              type="button"
              className="primary rebut"
              onClick={run(() =>
                connectClaims(session, pending.premise, { claim: pending.target }, 'rebut'),
              )}
            >
              − Rebuts
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              onClick={run(() => joinReason(session, pending.target, pending.premise))}
            >
              Add as co-premise
            </button>
            <button
              type="button"
              className="primary rebut"
              onClick={run(() =>
                connectClaims(session, pending.premise, { relation: pending.target }, 'rebut'),
              )}
            >
              − Rebuts the inference
            </button>
          </>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
