/**
 * Small device-local state (station binding, who is signed in, PIN verifiers) lives in
 * localStorage, not in RxDB: the free RxDB edition caps open collections per tab and the app
 * already opens 12, and this state is tiny, per device, never replicated and read synchronously
 * at render time. The interface lets unit tests use a Map instead.
 */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** An in-memory store (tests, and the fallback when the browser refuses localStorage). */
export class MemoryKeyValue implements KeyValue {
  readonly map = new Map<string, string>();
  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
  remove(key: string): void {
    this.map.delete(key);
  }
}

/** The browser's localStorage; falls back to memory when it is unavailable (private mode, quota). */
export function browserKeyValue(): KeyValue {
  try {
    const ls = globalThis.localStorage;
    const probe = '__printfloor_probe__';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return {
      get: (k) => ls.getItem(k),
      set: (k, v) => ls.setItem(k, v),
      remove: (k) => ls.removeItem(k),
    };
  } catch {
    return new MemoryKeyValue();
  }
}

/** Reads JSON, returning `fallback` for anything missing or unreadable. */
export function readJson<T>(kv: KeyValue, key: string, fallback: T, valid: (v: unknown) => v is T): T {
  const raw = kv.get(key);
  if (raw === null) return fallback;
  try {
    const v: unknown = JSON.parse(raw);
    return valid(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A tiny observable value for `useSyncExternalStore`: `get()` returns the same object until it
 * changes, so React does not loop.
 */
export class Observed<T> {
  private readonly listeners = new Set<() => void>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set(next: T): void {
    this.value = next;
    for (const l of [...this.listeners]) l();
  }
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}
