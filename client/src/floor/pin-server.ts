import { type KeyValue, readJson } from './key-value.ts';
import type { PinStore } from './pin.ts';

/**
 * Operator PINs checked by the server (issue 7), with an offline fallback on this tablet.
 *
 * Online, the server is the judge: it holds each person's scrypt verifier, counts failures per
 * person across every tablet and locks after five (pins.service.ts on the server). Every PIN the
 * server accepts here is also cached on this tablet as a local PBKDF2 verifier (PinStore), so when
 * the Wi-Fi is down — for minutes or a whole shift — the same person can still sign in with the
 * PIN they last used on this tablet.
 *
 * Trade-off, decided here: working offline beats a perfect PIN policy on a shop floor, so offline
 * (a) a PIN changed or reset on the server is not known until the tablet is back online — the old
 * PIN keeps working on this tablet meanwhile; (b) the lockout is this tablet's own (five tries,
 * five minutes), not the shared count; (c) whoever can read this tablet's storage can brute-force
 * a cached 4–6 digit verifier offline, as with any local PIN. A person never verified online on
 * this tablet cannot sign in by PIN offline at all: the badge works. A server verdict (wrong, locked,
 * reset) always wins when the server answers; only no answer at all (or a 5xx) falls back.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface PinServerOptions {
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  /** A PIN pad must not hang on bad Wi-Fi: after this the tablet decides offline. */
  timeoutMs?: number;
}

export type PinVerdict =
  | { ok: true; offline: boolean }
  | { ok: false; reason: 'no-pin'; offline: boolean }
  | { ok: false; reason: 'wrong'; attemptsLeft: number; offline: boolean }
  | { ok: false; reason: 'locked'; lockedUntil: number; offline: boolean }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  | { ok: false; reason: 'device-refused' };

export type PinSetResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'current-required' | 'offline' | 'unknown-person' | 'device-refused' | 'failed';
      message: string;
    }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; lockedUntil: number };

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { attemptsLeft?: number; lockedUntil?: string } };
}

type Answer = { status: number; body: ErrorBody; retryAfter: number } | null;

export class ServerPins {
  private readonly listKey: string;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;

  constructor(
    private readonly local: PinStore,
    private readonly kv: KeyValue,
    tenantSlug: string,
    private readonly opts: PinServerOptions,
  ) {
    this.listKey = `printfloor.pin-people.v1.${tenantSlug}`;
    this.fetchImpl = opts.fetch ?? ((i, init) => globalThis.fetch(i, init));
    this.timeoutMs = opts.timeoutMs ?? 5_000;
  }

  /** Whether the person has a PIN: on the server (as last heard) or cached on this tablet. */
  has(personId: string): boolean {
    return this.serverPeople().includes(personId) || this.local.has(personId);
  }

  /** Whether the server (as last heard) holds a PIN for this person: changing it needs the current one. */
  hasOnServer(personId: string): boolean {
    return this.serverPeople().includes(personId);
  }

  /** Re-reads who has a PIN; a PIN reset by a manager also drops this tablet's cached verifier. */
  async refresh(): Promise<boolean> {
    const a = await this.send('GET', '/api/pins');
    if (!a || a.status !== 200) return false;
    const people = (a.body as { people?: unknown }).people;
    if (!Array.isArray(people)) return false;
    const ids = people.filter((p): p is string => typeof p === 'string');
    this.kv.set(this.listKey, JSON.stringify(ids));
    for (const id of this.local.people()) if (!ids.includes(id)) this.local.remove(id);
    return true;
  }

  async verify(personId: string, pin: string): Promise<PinVerdict> {
    const a = await this.send('POST', '/api/pins/verify', { personId, pin });
    if (!a || a.status >= 500) return this.verifyOffline(personId, pin);
    const code = a.body.error?.code;
    if (a.status === 200) {
      await this.local.set(personId, pin, personId);
      this.remember(personId, true);
      return { ok: true, offline: false };
    }
    if (a.status === 429) return { ok: false, reason: 'throttled', retryAfterSeconds: a.retryAfter };
    if (a.status === 401) return { ok: false, reason: 'device-refused' };
    if (code === 'no_pin') {
      this.local.remove(personId);
      this.remember(personId, false);
      return { ok: false, reason: 'no-pin', offline: false };
    }
    if (code === 'pin_locked')
      return { ok: false, reason: 'locked', lockedUntil: this.until(a), offline: false };
    return {
      ok: false,
      reason: 'wrong',
      attemptsLeft: a.body.error?.details?.attemptsLeft ?? 0,
      offline: false,
    };
  }

  /** Sets the person's PIN on the server (online only), then caches it here. */
  async set(personId: string, pin: string, currentPin?: string): Promise<PinSetResult> {
    const a = await this.send('PUT', `/api/pins/${encodeURIComponent(personId)}`, {
      pin,
      ...(currentPin ? { currentPin } : {}),
    });
    if (!a || a.status >= 500) {
      return {
        ok: false,
        reason: 'offline',
        message: 'Setting a PIN needs the network. Try again when online.',
      };
    }
    const code = a.body.error?.code;
    const message = a.body.error?.message ?? `HTTP ${a.status}`;
    if (a.status === 200) {
      await this.local.set(personId, pin, personId);
      this.remember(personId, true);
      return { ok: true };
    }
    if (a.status === 401) return { ok: false, reason: 'device-refused', message };
    if (code === 'current_pin_required') {
      this.remember(personId, true);
      return { ok: false, reason: 'current-required', message };
    }
    if (code === 'no_such_person') return { ok: false, reason: 'unknown-person', message };
    if (code === 'wrong_pin')
      return { ok: false, reason: 'wrong', attemptsLeft: a.body.error?.details?.attemptsLeft ?? 0 };
    if (code === 'pin_locked') return { ok: false, reason: 'locked', lockedUntil: this.until(a) };
    return { ok: false, reason: 'failed', message };
  }

  private async verifyOffline(personId: string, pin: string): Promise<PinVerdict> {
    const r = await this.local.verify(personId, pin);
    if (r.ok) return { ok: true, offline: true };
    if (r.reason === 'locked')
      return { ok: false, reason: 'locked', lockedUntil: r.lockedUntil ?? 0, offline: true };
    if (r.reason === 'no-pin') return { ok: false, reason: 'no-pin', offline: true };
    return { ok: false, reason: 'wrong', attemptsLeft: r.attemptsLeft, offline: true };
  }

  private until(a: NonNullable<Answer>): number {
    const t = Date.parse(a.body.error?.details?.lockedUntil ?? '');
    return Number.isFinite(t) ? t : Date.now() + 5 * 60_000;
  }

  private serverPeople(): string[] {
    return readJson<string[]>(this.kv, this.listKey, [], (v): v is string[] => Array.isArray(v));
  }

  private remember(personId: string, has: boolean): void {
    const rest = this.serverPeople().filter((p) => p !== personId);
    this.kv.set(this.listKey, JSON.stringify(has ? [...rest, personId] : rest));
  }

  /** One request; null when there was no answer (offline, timeout). */
  private async send(method: string, path: string, body?: unknown): Promise<Answer> {
    try {
      const res = await this.fetchImpl(this.opts.baseUrl.replace(/\/+$/, '') + path, {
        method,
        headers: {
          Authorization: `Bearer ${this.opts.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      let parsed: ErrorBody = {};
      try {
        parsed = text ? (JSON.parse(text) as ErrorBody) : {};
      } catch {
        parsed = {};
      }
      return { status: res.status, body: parsed, retryAfter: Number(res.headers.get('retry-after')) || 1 };
    } catch {
      return null;
    }
  }
}
