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

/** What the page offers: timers, the network and visibility, its worker, reloading. */
export interface PageEvents {
  every(ms: number, check: () => void): () => void;
  /** The network comes back, or the tab is looked at again. */
  onReturn(check: () => void): () => void;
  /** Once, when another service worker takes over this page. */
  onTakeover(then: () => void): void;
  reload(): void;
}

export const browserPage: PageEvents = {
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
  onTakeover(then) {
    navigator.serviceWorker.addEventListener('controllerchange', then, { once: true });
  },
  reload: () => window.location.reload(),
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
  private page: PageEvents = browserPage;
  private registration: ServiceWorkerRegistration | null = null;
  private readonly cleanup: (() => void)[] = [];

  /** Registers the worker, and asks for a newer version hourly and whenever the tab returns. */
  start(register: RegisterServiceWorker, page: PageEvents = browserPage): void {
    if (this.apply) return;
    this.page = page;
    this.apply = register({
      onNeedRefresh: () => this.ready.set(true),
      onOfflineReady: () => this.offlineReady.set(true),
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        this.registration = registration;
        this.offlineReady.set(this.offlineReady.get() || registration.active !== null);
        // Offline, or the relay restarting: the next check will do.
        const check = () => void registration.update().catch(() => undefined);
        this.cleanup.push(page.every(UPDATE_CHECK_MS, check), page.onReturn(check));
      },
      // No service worker (an insecure origin, a browser without them, private modes that
      // refuse them): the app works as before, online only.
      onRegisterError: () => undefined,
    });
  }

  /**
   * Switches to the waiting version: it takes over, then the page reloads. The reload is
   * ours, not left to workbox-window, which reloads only a page that had a worker when it
   * registered (not a first visit that the worker claimed, then kept open until a release).
   */
  async reload(): Promise<void> {
    if (!this.apply) return;
    this.page.onTakeover(() => this.page.reload());
    await this.apply(true);
  }

  /**
   * Reloads the page onto the newest version there is, for a page that needs it (the relay
   * refused this build as too old): asks for a new worker first and switches to it. A plain
   * reload would not do: the installed worker serves the version it has until a new one
   * takes over, and a waiting one never does while this tab is open.
   */
  async reloadToLatest(): Promise<void> {
    const registration = this.registration;
    if (registration) {
      await registration.update().catch(() => undefined);
      if (await installed(registration)) return this.reload();
    }
    this.page.reload();
  }

  /** Hides the announcement for this tab; the new version still waits for the next reload. */
  dismiss(): void {
    this.ready.set(false);
  }

  stop(): void {
    for (const fn of this.cleanup.splice(0)) fn();
  }
}

/** Whether a new worker is installed and waiting, once the one installing (if any) settles. */
function installed(registration: ServiceWorkerRegistration): Promise<boolean> {
  const worker = registration.installing;
  if (!worker) return Promise.resolve(registration.waiting !== null);
  return new Promise((resolve) => {
    const onState = () => {
      if (worker.state === 'installing') return;
      worker.removeEventListener('statechange', onState);
      resolve(registration.waiting !== null);
    };
    worker.addEventListener('statechange', onState);
  });
}

/** The page's one `AppUpdate`, started by `main.tsx`. */
export const appUpdate = new AppUpdate();
