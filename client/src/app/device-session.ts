import type { MeResponse } from '../data/api-client.ts';

/** What an enrolled tablet remembers about itself (localStorage: small, synchronous, per origin). */
export interface DeviceSession {
  token: string;
  tenant: MeResponse['tenant'];
  device: MeResponse['device'];
  enrolledAt: string;
  /**
   * `browser`: a manager's desktop browser syncing with a token bound to its sign-in session
   * (issue 7; refused once that session ends). Absent on tablets enrolled before this existed.
   */
  kind?: 'tablet' | 'browser';
}

const KEY = 'printfloor.device.v1';
const LAST_SYNC_KEY = 'printfloor.lastSyncedAt.v1';

export function loadSession(): DeviceSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<DeviceSession>;
    if (typeof s.token !== 'string' || !s.tenant?.slug || !s.device?.id) return null;
    return s as DeviceSession;
  } catch {
    return null;
  }
}

export function saveSession(s: DeviceSession): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** The IndexedDB name: one database per tenant, so enrolling into another shop never mixes data. */
export function databaseName(s: DeviceSession): string {
  return `printfloor-${s.tenant.slug}`;
}

export function loadLastSyncedAt(): number | null {
  const n = Number(localStorage.getItem(LAST_SYNC_KEY));
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function saveLastSyncedAt(at: number | null): void {
  if (at) localStorage.setItem(LAST_SYNC_KEY, String(at));
}

/** Reads `#pair=CODE` from the Add tablet QR (`/enrol#pair=…`): a one-time pairing code. */
export function pairCodeFromHash(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('pair')?.trim();
  return code ? code : null;
}

/** Reads `#token=…` from an enrol link (`/enrol#token=…`); the fragment never reaches a server log. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}

/**
 * Asks the browser not to evict the local database under storage pressure (DESIGN.md: an edit
 * waiting to sync must survive). Returns whether storage is persistent; false when unsupported.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
