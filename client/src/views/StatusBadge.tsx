import { useConnectionStatus } from '../hooks/useConnectionStatus.ts';
import { describeStatus } from '../sync/connectionStatus.ts';

/** Connected, reconnecting, or offline with changes kept on this device: always visible. */
export function StatusBadge() {
  const status = useConnectionStatus();
  return (
    <span
      className={`status ${status.state}`}
      role="status"
      aria-live="polite"
      data-state={status.state}
    >
      <span className="dot" aria-hidden="true" />
      {describeStatus(status)}
    </span>
  );
}
