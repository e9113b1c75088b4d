import { useConnectionStatus } from '../session/useConnectionStatus.ts';
import { useSaved } from '../session/useSaved.ts';
import { describeStatus } from '../sync/connectionStatus.ts';

/**
 * Connected, reconnecting, or offline with changes kept on this device: always visible and
 * announced. "Saved" follows the relay's acknowledgements; it is shown but not announced,
 * since it changes with every keystroke.
 */
export function StatusBadge() {
  const status = useConnectionStatus();
  const saved = useSaved();
  const connected = status.state === 'connected';
  return (
    <span className={`status ${status.state}`} data-state={status.state}>
      <span className="dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        {describeStatus(status)}
      </span>
      {connected && saved !== null ? (
        <span className="saved">{saved ? '· All changes saved' : '· Saving…'}</span>
      ) : null}
    </span>
  );
}
