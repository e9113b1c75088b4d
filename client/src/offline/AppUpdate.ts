import { Value } from '../state/Value.ts';

/** How often an open tab asks whether a newer Warrant has been deployed. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** What registering the service worker needs: vite-plugin-pwa's `registerSW`, in its shape. */
export type RegisterServiceWorker = (options: {
  onNeedRefresh?: () => void;
  onOfflineReady?: () => void;
  onRegisteredSW?: (url: string, registration: ServiceWorkerRegistration | undefined) => void;
  onRegisterError?: (error: unknown) => void;
}) => (reloadPage?: boolean) => Promise<void>;

/** Where an open tab learns of the network and of being looked at again. */
export interface UpdateTriggers {
  every(ms: number, check: () => void): () => void;
  onReturn(check: () => void): () => void;
}

export const browserTriggers: UpdateTriggers = {
  every(ms, check) {
    const timer = setInterval(check, ms);
    return () => clearInterval(timer);
  },
  onReturn(check) {
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    window.addEventListener('online', check);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', check);
      document.removeEventListener('visibilitychange', onVisible);
    };
  },
};

/**
 * The app's service worker as the page sees it: whether a newer version of Warrant is
 * installed and waiting, and the way to switch to it. The worker is registered with
 * `registerType: 'prompt'`, so a new version never takes over an open tab by itself (that
 * could swap code under someone typing); it waits until the person chooses "Reload".
 */
export class AppUpdate {
  /** True once a newer version is installed and waits for this tab to reload. */
  readonly ready = new Value(false);
  /** True once the app is cached on this device, so it reloads without a network. */
  readonly offlineReady = new Value(false);
  private apply: ((reloadPage?: boolean) => Promise<void>) | null = null;
  private readonly cleanup: (() => void)[] = [];

  /** Registers the worker, and asks for a newer version hourly and whenever the tab returns. */
  start(register: RegisterServiceWorker, triggers: UpdateTriggers = browserTriggers): void {
    if (this.apply) return;
    this.apply = register({
      onNeedRefresh: () => this.ready.set(true),
      onOfflineReady: () => this.offlineReady.set(true),
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        this.offlineReady.set(this.offlineReady.get() || registration.active !== null);
        // Offline, or the relay restarting: the next check will do.
        const check = () => void registration.update().catch(() => undefined);
        this.cleanup.push(triggers.every(UPDATE_CHECK_MS, check), triggers.onReturn(check));
      },
      // No service worker (an insecure origin, a browser without them, private modes that
      // refuse them): the app works as before, online only.
      onRegisterError: () => undefined,
    });
  }

  /** Switches to the waiting version: the worker takes over and the page reloads once. */
  async reload(): Promise<void> {
    await this.apply?.(true);
  }

  /** Hides the announcement for this tab; the new version still waits for the next reload. */
  dismiss(): void {
    this.ready.set(false);
  }

  stop(): void {
    for (const fn of this.cleanup.splice(0)) fn();
  }
}

/** The page's one `AppUpdate`, started by `main.tsx`. */
export const appUpdate = new AppUpdate();
