import type { WebsocketProvider } from 'y-websocket';
import { describeClose } from './closeReasons.ts';

/**
 * What the status badge says. `offline` means the browser reports no network or the relay
 * has been unreachable for a while; edits keep landing in IndexedDB either way.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface ConnectionStatus {
  state: ConnectionState;
  /** True once the device copy (IndexedDB) is loaded, so offline edits survive a reload. */
  savedOnDevice: boolean;
  /** The relay's reason when it refused this map for good (bad link, newer schema...). */
  reason?: string;
}

/** After this many failed attempts in a row "reconnecting" becomes "offline". */
const ATTEMPTS_BEFORE_OFFLINE = 3;

/**
 * Turns the provider's low-level events into the three states a person cares about. Small
 * and framework-free so the badge, tests and the page title can all read it.
 */
export class ConnectionMonitor {
  private status: ConnectionStatus = { state: 'connecting', savedOnDevice: false };
  private everConnected = false;
  private failures = 0;
  private readonly listeners = new Set<() => void>();
  private readonly cleanup: (() => void)[] = [];

  constructor(private readonly provider: WebsocketProvider) {
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status === 'connected') {
        this.everConnected = true;
        this.failures = 0;
      }
      this.recompute();
    };
    const onClose = () => {
      this.failures += 1;
      this.recompute();
    };
    const onClosed = (event: { code: number; reason: string }) => {
      this.set({ state: 'refused', reason: describeClose(event.code, event.reason) });
    };
    const onNetwork = () => this.recompute();
    provider.on('status', onStatus);
    provider.on('connection-close', onClose);
    provider.on('closed', onClosed);
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    this.cleanup.push(
      () => provider.off('status', onStatus),
      () => provider.off('connection-close', onClose),
      () => provider.off('closed', onClosed),
      () => window.removeEventListener('online', onNetwork),
      () => window.removeEventListener('offline', onNetwork),
    );
  }

  get current(): ConnectionStatus {
    return this.status;
  }

  markSavedOnDevice(): void {
    this.set({ savedOnDevice: true });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    for (const fn of this.cleanup) fn();
    this.listeners.clear();
  }

  private recompute(): void {
    if (this.status.state === 'refused') return;
    let state: ConnectionState;
    if (this.provider.wsconnected) state = 'connected';
    else if (!navigator.onLine) state = 'offline';
    else if (!this.everConnected)
      state = this.failures >= ATTEMPTS_BEFORE_OFFLINE ? 'offline' : 'connecting';
    else state = this.failures >= ATTEMPTS_BEFORE_OFFLINE ? 'offline' : 'reconnecting';
    this.set({ state });
  }

  private set(patch: Partial<ConnectionStatus>): void {
    const next = { ...this.status, ...patch };
    if (
      next.state === this.status.state &&
      next.savedOnDevice === this.status.savedOnDevice &&
      next.reason === this.status.reason
    ) {
      return;
    }
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}

/** The words the badge shows for a status. */
export function describeStatus(status: ConnectionStatus): string {
  switch (status.state) {
    case 'connected':
      return 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'offline':
      return status.savedOnDevice ? 'Offline — changes saved on this device' : 'Offline';
    case 'refused':
      return `Not syncing: ${status.reason ?? 'the server refused this map.'}`;
  }
}
