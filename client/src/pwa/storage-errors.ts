/**
 * Storage-full errors: IndexedDB refuses a write with a `QuotaExceededError` (a DOMException), which
 * Dexie and RxDB wrap in their own errors (`inner`, `cause`, `parameters.error`…). Screens write
 * with `void writer.…()`, so such a failure surfaces as an unhandled rejection: caught here and
 * shown as a clear, lasting message. Nothing is lost silently: the failed edit was never stored
 * (the operator's input stays in its field) and every earlier edit stays on the tablet.
 */

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** Whether `err` (or anything it wraps, a few levels deep) is a storage-full error. */
export function isStorageFullError(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 5) return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR).
  if (e.code === 22 && typeof e.name === 'string' && e.name.includes('Quota')) return true;
  if (
    typeof e.message === 'string' &&
    /QuotaExceeded|quota (has been )?exceeded|storage quota/i.test(e.message)
  )
    return true;
  for (const key of ['inner', 'cause', 'error', 'parameters', 'errors', 'innerError', 'writeError']) {
    const v = (err as Record<string, unknown>)[key];
    if (Array.isArray(v) ? v.some((x) => isStorageFullError(x, depth + 1)) : isStorageFullError(v, depth + 1))
      return true;
  }
  return false;
}

export const STORAGE_FULL_MESSAGE =
  'The tablet’s storage is full: the last edit was NOT saved. Edits saved before are safe and still ' +
  'waiting to sync. Connect to the Wi-Fi so they can sync, or free space on the tablet (other apps, ' +
  'photos, downloads), then try the edit again.';

type Listener = (count: number) => void;
let failures = 0;
const listeners = new Set<Listener>();

/** Records a storage-full failure (also callable by code that catches its own write errors). */
export function reportStorageFull(): void {
  failures += 1;
  for (const l of listeners) l(failures);
}

/** For the write path (the sync journal): reports `err` when it is a storage-full error. */
export function reportIfStorageFull(err: unknown): void {
  if (isStorageFullError(err)) reportStorageFull();
}

export function onStorageFull(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function storageFullCount(): number {
  return failures;
}

let watching = false;

/** Listens for storage-full errors nobody handled (once per page). */
export function watchStorageErrors(target: Pick<Window, 'addEventListener'> = window): void {
  if (watching) return;
  watching = true;
  target.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
    if (isStorageFullError(ev.reason)) reportStorageFull();
  });
  target.addEventListener('error', (ev: ErrorEvent) => {
    if (isStorageFullError(ev.error)) reportStorageFull();
  });
}
