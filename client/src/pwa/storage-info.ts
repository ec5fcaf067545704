/**
 * - `persistent`: the browser promised not to evict this app's data under storage pressure;
 * - `best-effort`: it may evict it (the app asks again; an installed PWA usually gets it);
 * - `unsupported`: no Storage API (an old browser, or an insecure http:// origin on the LAN).
 */
export type PersistState = 'persistent' | 'best-effort' | 'unsupported';

export interface StorageInfo {
  persist: PersistState;
  /** Bytes used by this origin (IndexedDB, caches…) and the origin's quota; null when unknown. */
  usage: number | null;
  quota: number | null;
}

/** Each method may be missing in older browsers, whatever lib.dom says. */
type StorageManagerLike = Partial<Pick<StorageManager, 'persisted' | 'persist' | 'estimate'>>;

const storageManager = (): StorageManagerLike | null => globalThis.navigator?.storage ?? null;

export async function readStorageInfo(
  sm: StorageManagerLike | null = storageManager(),
): Promise<StorageInfo> {
  if (!sm) return { persist: 'unsupported', usage: null, quota: null };
  const none: StorageEstimate = {};
  const [persisted, estimate] = await Promise.all([
    sm.persisted ? sm.persisted().catch(() => false) : Promise.resolve(false),
    sm.estimate ? sm.estimate().catch(() => none) : Promise.resolve(none),
  ]);
  return {
    persist: sm.persisted ? (persisted ? 'persistent' : 'best-effort') : 'unsupported',
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null,
  };
}

/** Asks for persistent storage (Chromium grants it to installed or engaged sites without a prompt). */
export async function requestPersistence(
  sm: StorageManagerLike | null = storageManager(),
): Promise<PersistState> {
  if (!sm?.persist) return 'unsupported';
  try {
    return (await sm.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'best-effort';
  }
}

/** 1536 → "1.5 KB"; decimal units as the OS storage settings show them. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** Share of the quota used, 0–1; null when unknown. A tablet past 0.9 is warned. */
export function usedShare(info: StorageInfo): number | null {
  if (info.usage === null || !info.quota) return null;
  return Math.min(1, info.usage / info.quota);
}
