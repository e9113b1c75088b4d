import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  ConnectionMonitor,
  describeStatus,
  OFFLINE_AFTER_MS,
  type Network,
} from './connectionStatus.ts';

/** A network the test switches, and a provider that never dials: the test plays its events. */
function setup() {
  let online = true;
  const listeners = new Set<() => void>();
  const network: Network = {
    online: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const setOnline = (value: boolean) => {
    online = value;
    for (const l of listeners) l();
  };
  const provider = new WebsocketProvider('ws://127.0.0.1:9', 'room', new Y.Doc(), {
    connect: false,
    // Never dialled (connect: false); Node 20 has no WebSocket for the default.
    WebSocketPolyfill: function neverDialled() {
      throw new Error('this test never dials');
    } as unknown as typeof WebSocket,
  });
  const connect = () => {
    provider.wsconnected = true;
    provider.emit('status', [{ status: 'connected' }]);
  };
  const drop = () => {
    provider.wsconnected = false;
    provider.emit('status', [{ status: 'disconnected' }]);
  };
  const monitor = new ConnectionMonitor(provider, { network });
  const words = () => describeStatus(monitor.current);
  return { provider, monitor, connect, drop, setOnline, words };
}

describe('connection status', () => {
  let live: ReturnType<typeof setup>[] = [];
  const make = () => {
    const s = setup();
    live.push(s);
    return s;
  };
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    for (const s of live) {
      s.monitor.destroy();
      s.provider.destroy();
    }
    live = [];
    vi.useRealTimers();
  });

  it('shows "Reconnecting…" for a while after the connection drops, then "Offline"', () => {
    const s = make();
    s.connect();
    expect(s.words()).toBe('Connected');
    s.drop();
    expect(s.words()).toBe('Reconnecting…');
    // Several failed attempts within the first seconds do not make it offline yet.
    for (let i = 0; i < 5; i++) s.provider.emit('connection-close', [null, s.provider]);
    vi.advanceTimersByTime(OFFLINE_AFTER_MS - 100);
    expect(s.words()).toBe('Reconnecting…');
    vi.advanceTimersByTime(200);
    expect(s.monitor.current.state).toBe('offline');
    s.monitor.markSavedOnDevice();
    expect(s.words()).toBe(
      'Offline — your edits are kept on this device and will sync when you reconnect',
    );
    s.connect();
    expect(s.words()).toBe('Connected');
  });

  it('says "Connecting…" at first and "Offline" if no connection comes in time', () => {
    const s = make();
    expect(s.words()).toBe('Connecting…');
    vi.advanceTimersByTime(OFFLINE_AFTER_MS + 1);
    expect(s.monitor.current.state).toBe('offline');
  });

  it('goes offline at once when the browser loses the network, and reconnecting when it is back', () => {
    const s = make();
    s.connect();
    s.drop();
    s.setOnline(false);
    expect(s.monitor.current.state).toBe('offline');
    vi.advanceTimersByTime(60_000);
    s.setOnline(true);
    expect(s.words()).toBe('Reconnecting…');
    vi.advanceTimersByTime(OFFLINE_AFTER_MS + 1);
    expect(s.monitor.current.state).toBe('offline');
  });

  it('stays refused once the relay refuses the map for good', () => {
    const s = make();
    s.provider.emit('closed', [{ code: 4404, reason: 'no map' }, s.provider]);
    expect(s.words()).toMatch(/^Not syncing: There is no map at this address/);
    s.drop();
    vi.advanceTimersByTime(OFFLINE_AFTER_MS + 1);
    expect(s.monitor.current.state).toBe('refused');
  });
});
