import type { WebsocketProvider } from 'y-websocket';
import { describeClose } from './closeReasons.ts';
import { Emitter } from '../state/Emitter.ts';

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

/**
 * How long without a connection before "reconnecting" becomes "offline". A time, not a count
 * of attempts: the provider's first retries come within a second of each other, so three
 * failures went by before anyone could read "Reconnecting…".
 */
export const OFFLINE_AFTER_MS = 5000;

/** What the browser says about the network (`navigator.onLine` and its events). */
export interface Network {
  online(): boolean;
  subscribe(listener: () => void): () => void;
}

export const browserNetwork: Network = {
  online: () => navigator.onLine,
  subscribe(listener) {
    window.addEventListener('online', listener);
    window.addEventListener('offline', listener);
    return () => {
      window.removeEventListener('online', listener);
      window.removeEventListener('offline', listener);
    };
  },
};

export interface MonitorOptions {
  network?: Network;
  offlineAfterMs?: number;
}

/**
 * Turns the provider's low-level events into the three states a person cares about. Small
 * and framework-free so the badge, tests and the page title can all read it.
 */
export class ConnectionMonitor {
  private status: ConnectionStatus = { state: 'connecting', savedOnDevice: false };
  private everConnected = false;
  /** Since when there has been no connection (the start, or the moment it dropped). */
  private downSince: number | null = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly network: Network;
  private readonly offlineAfterMs: number;
  private readonly changed = new Emitter();
  private readonly cleanup: (() => void)[] = [];

  constructor(
    private readonly provider: WebsocketProvider,
    options: MonitorOptions = {},
  ) {
    this.network = options.network ?? browserNetwork;
    this.offlineAfterMs = options.offlineAfterMs ?? OFFLINE_AFTER_MS;
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status === 'connected') this.everConnected = true;
      this.recompute();
    };
    const onClose = () => this.recompute();
    const onClosed = (event: { code: number; reason: string }) => {
      this.set({ state: 'refused', reason: describeClose(event.code, event.reason) });
    };
    const onNetwork = () => {
      // The network is back: dialling again starts now, so "reconnecting" shows meanwhile.
      if (this.network.online() && !this.provider.wsconnected) this.downSince = Date.now();
      this.recompute();
    };
    provider.on('status', onStatus);
    provider.on('connection-close', onClose);
    provider.on('closed', onClosed);
    const stopNetwork = this.network.subscribe(onNetwork);
    this.cleanup.push(
      () => provider.off('status', onStatus),
      () => provider.off('connection-close', onClose),
      () => provider.off('closed', onClosed),
      stopNetwork,
      () => this.clearTimer(),
    );
    this.recompute();
  }

  get current(): ConnectionStatus {
    return this.status;
  }

  markSavedOnDevice(): void {
    this.set({ savedOnDevice: true });
  }

  subscribe = this.changed.subscribe;

  destroy(): void {
    for (const fn of this.cleanup) fn();
    this.changed.clear();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private recompute = (): void => {
    this.clearTimer();
    if (this.status.state === 'refused') return;
    if (this.provider.wsconnected) {
      this.downSince = null;
      this.set({ state: 'connected' });
      return;
    }
    if (!this.network.online()) {
      this.set({ state: 'offline' });
      return;
    }
    const now = Date.now();
    this.downSince ??= now;
    const left = this.downSince + this.offlineAfterMs - now;
    if (left <= 0) {
      this.set({ state: 'offline' });
      return;
    }
    this.set({ state: this.everConnected ? 'reconnecting' : 'connecting' });
    this.timer = setTimeout(this.recompute, left);
  };

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
    this.changed.emit();
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
      return status.savedOnDevice
        ? 'Offline — your edits are kept on this device and will sync when you reconnect'
        : 'Offline';
    case 'refused':
      return `Not syncing: ${status.reason ?? 'the server refused this map.'}`;
  }
}
