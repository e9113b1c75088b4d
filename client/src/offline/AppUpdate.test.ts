import { describe, expect, it, vi } from 'vitest';
import {
  AppUpdate,
  UPDATE_CHECK_MS,
  type RegisterServiceWorker,
  type PageEvents,
} from './AppUpdate.ts';

type Options = Parameters<RegisterServiceWorker>[0];

/** A stand-in for vite-plugin-pwa's `registerSW` that keeps its callbacks for the test to call. */
function fakeRegister() {
  let options: Options = {};
  const apply = vi.fn(async () => {});
  const register: RegisterServiceWorker = (given) => {
    options = given;
    return apply;
  };
  return { register, apply, options: () => options };
}

function fakePage() {
  const checks = {
    every: [] as (() => void)[],
    onReturn: [] as (() => void)[],
    takeover: [] as (() => void)[],
    periods: [] as number[],
    reloads: 0,
  };
  const page: PageEvents = {
    every(ms, check) {
      checks.periods.push(ms);
      checks.every.push(check);
      return () => checks.every.splice(checks.every.indexOf(check), 1);
    },
    onReturn(check) {
      checks.onReturn.push(check);
      return () => checks.onReturn.splice(checks.onReturn.indexOf(check), 1);
    },
    onTakeover(then) {
      checks.takeover.push(then);
    },
    reload() {
      checks.reloads++;
    },
  };
  return { page, checks, reloads: () => checks.reloads };
}

function registration(active: boolean, update = vi.fn(async () => {})) {
  return {
    active: active ? {} : null,
    installing: null,
    waiting: null,
    update,
  } as unknown as ServiceWorkerRegistration;
}

describe('AppUpdate', () => {
  it('announces a waiting version, applies it only when asked, and reloads once it takes over', async () => {
    const sw = fakeRegister();
    const { page, checks } = fakePage();
    const app = new AppUpdate();
    app.start(sw.register, page);
    expect(app.ready.get()).toBe(false);
    sw.options().onNeedRefresh?.();
    expect(app.ready.get()).toBe(true);
    expect(sw.apply).not.toHaveBeenCalled();
    expect(checks.takeover).toEqual([]);
    await app.reload();
    expect(sw.apply).toHaveBeenCalledTimes(1);
    expect(checks.reloads).toBe(0);
    checks.takeover[0]!();
    expect(checks.reloads).toBe(1);
  });

  it('hides the announcement on "Later" without applying the update', () => {
    const sw = fakeRegister();
    const app = new AppUpdate();
    app.start(sw.register, fakePage().page);
    sw.options().onNeedRefresh?.();
    app.dismiss();
    expect(app.ready.get()).toBe(false);
    expect(sw.apply).not.toHaveBeenCalled();
  });

  it('asks for a newer version hourly and when the tab returns, and survives failed checks offline', async () => {
    const sw = fakeRegister();
    const { page, checks } = fakePage();
    const app = new AppUpdate();
    app.start(sw.register, page);
    const update = vi.fn(() => Promise.reject(new Error('offline')));
    sw.options().onRegisteredSW?.('/sw.js', registration(true, update));
    expect(checks.periods).toEqual([UPDATE_CHECK_MS]);
    checks.every[0]!();
    checks.onReturn[0]!();
    expect(update).toHaveBeenCalledTimes(2);
    await Promise.resolve();
    app.stop();
    expect(checks.every).toEqual([]);
    expect(checks.onReturn).toEqual([]);
  });

  it('knows the app works offline once a worker is active, and registers only once', () => {
    const sw = fakeRegister();
    const spy = vi.fn(sw.register);
    const app = new AppUpdate();
    app.start(spy, fakePage().page);
    app.start(spy, fakePage().page);
    expect(spy).toHaveBeenCalledTimes(1);
    sw.options().onRegisteredSW?.('/sw.js', registration(false));
    expect(app.offlineReady.get()).toBe(false);
    sw.options().onOfflineReady?.();
    expect(app.offlineReady.get()).toBe(true);
  });

  it('does nothing when the browser offers no service worker', () => {
    const sw = fakeRegister();
    const app = new AppUpdate();
    app.start(sw.register, fakePage().page);
    sw.options().onRegisterError?.(new Error('insecure origin'));
    sw.options().onRegisteredSW?.('/sw.js', undefined);
    expect(app.ready.get()).toBe(false);
    expect(app.offlineReady.get()).toBe(false);
  });

  it('reloads onto a release it finds only when asked to reload (the relay refused this build)', async () => {
    const sw = fakeRegister();
    const { page, checks } = fakePage();
    const app = new AppUpdate();
    app.start(sw.register, page);
    const worker = Object.assign(new EventTarget(), { state: 'installing' });
    const reg = {
      active: {},
      installing: null as unknown,
      waiting: null as unknown,
      update: vi.fn(async () => {
        reg.installing = worker;
      }),
    };
    sw.options().onRegisteredSW?.('/sw.js', reg as unknown as ServiceWorkerRegistration);
    const reloading = app.reloadToLatest();
    await vi.waitFor(() => expect(reg.update).toHaveBeenCalled());
    await Promise.resolve();
    expect(sw.apply).not.toHaveBeenCalled();
    Object.assign(reg, { installing: null, waiting: worker });
    worker.state = 'installed';
    worker.dispatchEvent(new Event('statechange'));
    await reloading;
    expect(sw.apply).toHaveBeenCalledTimes(1);
    checks.takeover[0]!();
    expect(checks.reloads).toBe(1);
  });

  it('reloads plainly when there is no newer version, or no worker at all', async () => {
    const none = fakePage();
    const bare = new AppUpdate();
    bare.start(fakeRegister().register, none.page);
    await bare.reloadToLatest();
    expect(none.reloads()).toBe(1);

    const sw = fakeRegister();
    const current = fakePage();
    const app = new AppUpdate();
    app.start(sw.register, current.page);
    sw.options().onRegisteredSW?.('/sw.js', registration(true));
    await app.reloadToLatest();
    expect(sw.apply).not.toHaveBeenCalled();
    expect(current.reloads()).toBe(1);
  });
});
