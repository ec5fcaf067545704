import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { UpdateService, type RegisterSW } from './update-service.ts';

/** A fake `registerSW` that lets the test play the browser's part. */
function fakeRegister() {
  const calls = { skipWaiting: 0 };
  let options: RegisterSWOptions = {};
  const register: RegisterSW = (o) => {
    options = o;
    return () => {
      calls.skipWaiting += 1;
      return Promise.resolve();
    };
  };
  return { register, calls, options: () => options };
}

afterEach(() => vi.useRealTimers());

describe('UpdateService', () => {
  it('shows a waiting version as ready, applies it only when asked, and reloads when it takes over', async () => {
    vi.useFakeTimers();
    const fake = fakeRegister();
    const reload = vi.fn();
    const svc = new UpdateService({ register: fake.register, reload, applyTimeoutMs: 10_000 });
    const seen: string[] = [];
    svc.subscribe(() => seen.push(svc.getState().phase));
    svc.start();
    await svc.apply(); // nothing waiting: no-op
    expect(fake.calls.skipWaiting).toBe(0);

    fake.options().onNeedRefresh?.();
    expect(svc.getState().phase).toBe('ready');
    expect(fake.calls.skipWaiting).toBe(0); // never applied on its own

    await svc.apply();
    expect(svc.getState().phase).toBe('applying');
    expect(fake.calls.skipWaiting).toBe(1);
    expect(reload).not.toHaveBeenCalled();
    fake.options().onNeedReload?.();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['ready', 'applying']);
  });

  it('reloads anyway when the new worker never takes over', async () => {
    vi.useFakeTimers();
    const fake = fakeRegister();
    const reload = vi.fn();
    const svc = new UpdateService({ register: fake.register, reload, applyTimeoutMs: 10_000 });
    svc.start();
    fake.options().onNeedRefresh?.();
    await svc.apply();
    vi.advanceTimersByTime(10_001);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('checks for a new version periodically while registered', () => {
    vi.useFakeTimers();
    const fake = fakeRegister();
    const update = vi.fn(() => Promise.resolve());
    const svc = new UpdateService({ register: fake.register, reload: vi.fn(), checkEveryMs: 60_000 });
    svc.start();
    fake.options().onRegisteredSW?.('/sw.js', { update, active: {} } as unknown as ServiceWorkerRegistration);
    expect(svc.getState().offlineReady).toBe(true);
    vi.advanceTimersByTime(180_000);
    expect(update).toHaveBeenCalledTimes(3);
    svc.stop();
  });
});
