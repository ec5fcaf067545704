import { registerSW } from 'virtual:pwa-register';
import { ActivityWatcher } from './activity.ts';
import { UpdateService, type RegisterSW } from './update-service.ts';
import { watchStorageErrors } from './storage-errors.ts';

export interface Pwa {
  updates: UpdateService;
  activity: ActivityWatcher;
}

let pwa: Pwa | null = null;

/** A registration that never finds an update: the dev server has no service worker. */
const noWorker: RegisterSW = () => () => Promise.resolve();

/**
 * Starts the PWA side of the app once, from main.tsx: the service worker with its update flow, the
 * activity watcher behind the "apply when idle" rule, and the storage-error listener. The worker is
 * registered in production builds only (the dev server rebuilds on every save).
 */
export function registerPwa(): Pwa {
  if (pwa) return pwa;
  const withWorker = import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
  const updates = new UpdateService({
    register: withWorker ? registerSW : noWorker,
    reload: () => location.reload(),
  });
  const activity = new ActivityWatcher();
  updates.start();
  activity.start();
  watchStorageErrors();
  pwa = { updates, activity };
  return pwa;
}

/** The started PWA services (after {@link registerPwa}); screens use it to hold updates off. */
export function getPwa(): Pwa {
  return pwa ?? registerPwa();
}

/**
 * Keeps a waiting update from being applied on its own while `action` runs (a multi-step action
 * such as a continuous scan run); a tap on "Update ready" waits for it too.
 */
export async function withUpdatesHeld<T>(action: () => Promise<T>): Promise<T> {
  const release = getPwa().activity.hold();
  try {
    return await action();
  } finally {
    release();
  }
}
