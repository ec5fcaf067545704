import { type KeyValue, Observed, readJson } from './key-value.ts';

/**
 * Who works on this shared tablet right now (issue 3: badge scan or PIN; a quick switch of
 * operator takes two taps; every event carries the operator id).
 *
 * Trust model, decided here: a person proves who they are once per shift on this tablet (badge
 * scan or PIN). That opens a shift session; while it lives (`shiftMs`, default 10 h) the operator
 * chip lists them and switching back to them takes two taps (chip, name) with no credential — the
 * POS "clerk switch". Signing out ends the session (the next sign-in needs badge or PIN again).
 * After `idleMs` without an action nobody is current (the next action asks who it is), but the
 * shift sessions stay, so that question is answered with one tap.
 * The idle time is the shop's setting (issue 7: a manager sets it, the tablet reads it from /api/me
 * and keeps it here for offline starts), 30 minutes until it has been read.
 */

export type SignInMethod = 'badge' | 'pin';

export interface OperatorSession {
  personId: string;
  method: SignInMethod;
  /** Epoch ms the person proved who they are on this tablet. */
  signedInAt: number;
  /** Epoch ms of their last action or switch. */
  lastActiveAt: number;
}

interface Stored {
  currentId: string | null;
  sessions: OperatorSession[];
}

export interface OperatorSessionOptions {
  shiftMs?: number;
  idleMs?: number;
  now?: () => number;
}

export const DEFAULT_SHIFT_MS = 10 * 3_600_000;
export const DEFAULT_IDLE_MS = 30 * 60_000;
/** The range the server accepts for the shop setting (minutes). */
export const IDLE_MINUTES_RANGE = { min: 1, max: 720 } as const;

function isStored(v: unknown): v is Stored {
  const s = v as Partial<Stored> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    (s.currentId === null || typeof s.currentId === 'string') &&
    Array.isArray(s.sessions) &&
    s.sessions.every(
      (x: Partial<OperatorSession>) =>
        typeof x.personId === 'string' &&
        (x.method === 'badge' || x.method === 'pin') &&
        typeof x.signedInAt === 'number' &&
        typeof x.lastActiveAt === 'number',
    )
  );
}

/** What screens render: the current operator (or none) and the people one tap away. */
export interface OperatorSnapshot {
  current: OperatorSession | null;
  /** Live shift sessions, most recently active first (the current one included). */
  recent: OperatorSession[];
}

export class OperatorSessions {
  private readonly key: string;
  private readonly shiftMs: number;
  private idleMs: number;
  private readonly settingsKey: string;
  private readonly now: () => number;
  readonly state: Observed<OperatorSnapshot>;

  constructor(
    private readonly kv: KeyValue,
    tenantSlug: string,
    opts: OperatorSessionOptions = {},
  ) {
    this.key = `printfloor.operators.v1.${tenantSlug}`;
    this.shiftMs = opts.shiftMs ?? DEFAULT_SHIFT_MS;
    this.settingsKey = `printfloor.settings.v1.${tenantSlug}`;
    this.idleMs = opts.idleMs ?? this.storedIdleMs() ?? DEFAULT_IDLE_MS;
    this.now = opts.now ?? Date.now;
    this.state = new Observed(this.snapshotOf(this.read()));
  }

  /** Minutes without an action before the current operator is signed out. */
  idleMinutes(): number {
    return Math.round(this.idleMs / 60_000);
  }

  /**
   * Applies the shop's idle setting (from the server) and keeps it for offline starts. Takes
   * effect at once: an operator idle longer than the new time is no longer current.
   */
  setIdleMinutes(minutes: number): void {
    if (!Number.isInteger(minutes) || minutes < IDLE_MINUTES_RANGE.min || minutes > IDLE_MINUTES_RANGE.max)
      return;
    this.kv.set(this.settingsKey, JSON.stringify({ operatorIdleMinutes: minutes }));
    if (this.idleMs === minutes * 60_000) return;
    this.idleMs = minutes * 60_000;
    this.refresh();
  }

  private storedIdleMs(): number | null {
    const s = readJson<{ operatorIdleMinutes: number } | null>(
      this.kv,
      this.settingsKey,
      null,
      (v): v is { operatorIdleMinutes: number } =>
        typeof v === 'object' &&
        v !== null &&
        Number.isInteger((v as { operatorIdleMinutes?: unknown }).operatorIdleMinutes) &&
        (v as { operatorIdleMinutes: number }).operatorIdleMinutes >= IDLE_MINUTES_RANGE.min &&
        (v as { operatorIdleMinutes: number }).operatorIdleMinutes <= IDLE_MINUTES_RANGE.max,
    );
    return s ? s.operatorIdleMinutes * 60_000 : null;
  }

  /** The signed-in operator, or null (nobody, idle too long, or shift over). */
  current(): OperatorSession | null {
    return this.refresh().current;
  }

  currentId(): string {
    return this.current()?.personId ?? '';
  }

  /** Badge or PIN checked: opens (or renews) this person's shift session and makes them current. */
  signIn(personId: string, method: SignInMethod): OperatorSession {
    const now = this.now();
    const s = this.read();
    const live = this.live(s.sessions, now).filter((x) => x.personId !== personId);
    const session: OperatorSession = { personId, method, signedInAt: now, lastActiveAt: now };
    this.write({ currentId: personId, sessions: [session, ...live] });
    return session;
  }

  /** The two-tap switch: true when `personId` has a live shift session here (now current). */
  switchTo(personId: string): boolean {
    const now = this.now();
    const s = this.read();
    const live = this.live(s.sessions, now);
    const target = live.find((x) => x.personId === personId);
    if (!target) return false;
    const touched = { ...target, lastActiveAt: now };
    this.write({ currentId: personId, sessions: [touched, ...live.filter((x) => x !== target)] });
    return true;
  }

  /** Marks activity of the current operator (every recorded action), keeping them signed in. */
  touch(): void {
    const now = this.now();
    const s = this.read();
    const cur = this.currentOf(s, now);
    if (!cur) return;
    const sessions = this.live(s.sessions, now).map((x) =>
      x.personId === cur.personId ? { ...x, lastActiveAt: now } : x,
    );
    this.write({ currentId: cur.personId, sessions });
  }

  /** Ends the current operator's shift session on this tablet: badge or PIN next time. */
  signOut(): void {
    const s = this.read();
    const now = this.now();
    this.write({
      currentId: null,
      sessions: this.live(s.sessions, now).filter((x) => x.personId !== s.currentId),
    });
  }

  /** Nobody is current; shift sessions stay for the two-tap switch. */
  stepAway(): void {
    const s = this.read();
    this.write({ currentId: null, sessions: this.live(s.sessions, this.now()) });
  }

  /** Re-reads the store (another tab, or time passing) and publishes a changed snapshot. */
  refresh(): OperatorSnapshot {
    const snap = this.snapshotOf(this.read());
    const prev = this.state.get();
    if (JSON.stringify(prev) !== JSON.stringify(snap)) this.state.set(snap);
    return this.state.get();
  }

  private snapshotOf(s: Stored): OperatorSnapshot {
    const now = this.now();
    const recent = this.live(s.sessions, now).sort((a, b) => b.lastActiveAt - a.lastActiveAt);
    return { current: this.currentOf(s, now), recent };
  }

  private currentOf(s: Stored, now: number): OperatorSession | null {
    if (s.currentId === null) return null;
    const cur = this.live(s.sessions, now).find((x) => x.personId === s.currentId);
    if (!cur || now - cur.lastActiveAt >= this.idleMs) return null;
    return cur;
  }

  private live(sessions: OperatorSession[], now: number): OperatorSession[] {
    return sessions.filter((x) => now - x.signedInAt < this.shiftMs && x.signedInAt <= now + 60_000);
  }

  private read(): Stored {
    return readJson<Stored>(this.kv, this.key, { currentId: null, sessions: [] }, isStored);
  }

  private write(s: Stored): void {
    this.kv.set(this.key, JSON.stringify(s));
    this.state.set(this.snapshotOf(s));
  }
}
