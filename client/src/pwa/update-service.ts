import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

/**
 * - `current`: this is the newest version we know of;
 * - `ready`: a new version is installed and waiting ("Update ready");
 * - `applying`: the new worker was told to take over; the page reloads in a moment.
 */
export type UpdatePhase = 'current' | 'ready' | 'applying';

export interface UpdateState {
  phase: UpdatePhase;
  /** The app shell is precached: the app will open with no network. */
  offlineReady: boolean;
  /** The worker could not be registered (shown in Settings; the app still runs online). */
  error: string | null;
}

/** `registerSW` from `virtual:pwa-register` (injected so tests can drive it). */
export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

export interface UpdateServiceOptions {
  register: RegisterSW;
  /** How often to ask the server for a newer worker while the app stays open. */
  checkEveryMs?: number;
  /** Reloads the page onto the new version (location.reload in the browser). */
  reload: () => void;
  /** A fallback reload if the new worker has not taken over after this long. */
  applyTimeoutMs?: number;
}

/**
 * Detects and applies new versions of the app. The service worker is generated with
 * `registerType: 'prompt'`: a new version installs in the background and waits. Applying sends it
 * SKIP_WAITING; it activates, claims every tab, and each tab reloads onto it (the local database is
 * IndexedDB, untouched by the worker; a schema change is migrated when RxDB reopens it).
 */
export class UpdateService {
  private state: UpdateState = { phase: 'current', offlineReady: false, error: null };
  private readonly listeners = new Set<() => void>();
  private updateSW: ((reloadPage?: boolean) => Promise<void>) | null = null;
  private registration: ServiceWorkerRegistration | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly opts: UpdateServiceOptions) {}

  start(): void {
    this.updateSW = this.opts.register({
      immediate: true,
      onNeedRefresh: () => this.patch({ phase: 'ready' }),
      onOfflineReady: () => this.patch({ offlineReady: true }),
      // The new worker controls this tab (after our SKIP_WAITING or another tab's): reload onto it.
      onNeedReload: () => this.opts.reload(),
      onRegisteredSW: (_url, reg) => {
        this.registration = reg ?? null;
        if (reg?.active) this.patch({ offlineReady: true });
        this.scheduleChecks();
      },
      onRegisterError: (err: unknown) =>
        this.patch({ error: err instanceof Error ? err.message : String(err) }),
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  getState = (): UpdateState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Asks the server whether a newer version exists (no-op offline; failures are retried later). */
  async check(): Promise<void> {
    if (!this.registration || globalThis.navigator?.onLine === false) return;
    try {
      await this.registration.update();
    } catch {
      // Server unreachable or restarting: the next check or the next start will see the update.
    }
  }

  /** Lets the waiting version take over; every tab reloads onto it. */
  async apply(): Promise<void> {
    if (this.state.phase !== 'ready' || !this.updateSW) return;
    this.patch({ phase: 'applying' });
    // If the worker never takes control (it was replaced, or the browser dropped it), reload anyway:
    // the navigation is then served by whichever worker is active, which is at least as new.
    setTimeout(() => this.opts.reload(), this.opts.applyTimeoutMs ?? 10_000);
    await this.updateSW(true);
  }

  private scheduleChecks(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.check(), this.opts.checkEveryMs ?? 15 * 60_000);
    globalThis.addEventListener?.('online', () => void this.check());
  }

  private patch(p: Partial<UpdateState>): void {
    this.state = { ...this.state, ...p };
    for (const fn of this.listeners) fn();
  }
}
