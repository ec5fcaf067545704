import { sameStatusContent, unknownStatus, type PrinterState, type PrinterStatus } from '@printfloor/shared';
import type { Logger } from '../logger.ts';
import { eventKind, initialNormState, normalize, offlineStatus, type NormState } from './printer-state.ts';
import type {
  PrinterConfig,
  PrinterStateChange,
  RelayListener,
  RelayMetrics,
  RelayUpdate,
} from './relay.types.ts';
import type { StatusSnapshot, StatusStore } from './status-store.ts';

interface Runtime {
  cfg: PrinterConfig;
  norm: NormState;
  /** Latest status (what a client gets next). */
  status: PrinterStatus;
  /** Last state that was not offline, to name changes across offline gaps. */
  lastOnline: PrinterState | null;
  /** ms; 0 = never heard since the relay started. */
  lastHeardAt: number;
  emitted: PrinterStatus | null;
  emittedAt: number;
  timer: NodeJS.Timeout | null;
  /** Changed since it was last persisted. */
  dirty: boolean;
}

export interface HubOptions {
  logger: Logger;
  store: StatusStore;
  offlineAfterMs: number;
  minIntervalMs: number;
  persistEveryMs: number;
  /** After each emitted update (the relay republishes it). */
  onEmit: (update: RelayUpdate) => void;
  linkStep?: (change: PrinterStateChange) => Promise<string | null>;
  onStateChange?: (change: PrinterStateChange) => void | Promise<void>;
  /** A Bambu delta arrived before any full report: ask the printer for one. */
  onRequestFull: (cfg: PrinterConfig) => void;
}

/** Sources without a last will: silence is the only sign they are gone (PROTOCOLS.md). */
const SILENCE_WATCHED = new Set(['bambu', 'printfloor']);
/** An unchanged status is re-sent this often so clients see `lastSeen` move. */
const HEARTBEAT_MS = 15_000;

/**
 * The printers' live state: normalizes messages, coalesces updates to clients, marks silent
 * printers offline, records state changes and persists snapshots at a bounded rate. Nothing a
 * message contains can make it throw.
 */
export class PrinterHub {
  readonly metrics: RelayMetrics = {
    received: 0,
    applied: 0,
    ignored: 0,
    rejected: 0,
    unrouted: 0,
    emitted: 0,
    republished: 0,
    persisted: 0,
    persistErrors: 0,
    events: 0,
    reconnects: 0,
    connectionErrors: 0,
    lastRejected: null,
  };
  private readonly printers = new Map<string, Runtime>();
  private readonly listeners = new Set<RelayListener>();
  private readonly restored = new Map<string, StatusSnapshot>();
  private readonly watchdog: NodeJS.Timeout;
  private readonly flusher: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;
  /** State changes are linked and recorded one at a time, in order. */
  private events: Promise<void> = Promise.resolve();
  private lastPersistErrorLog = 0;
  private readonly urgent = new Set<Runtime>();
  private urgentTimer: NodeJS.Immediate | null = null;
  /** The chain of snapshot writes (never rejects). */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly o: HubOptions) {
    this.watchdog = setInterval(
      () => this.checkSilence(),
      Math.max(50, Math.min(1000, o.offlineAfterMs / 4)),
    );
    this.flusher = setInterval(() => void this.flush(), o.persistEveryMs);
    this.watchdog.unref();
    this.flusher.unref();
  }

  /** Persisted statuses shown (as offline) for printers configured afterwards. */
  restore(rows: StatusSnapshot[]): void {
    for (const r of rows) this.restored.set(r.status.code, r);
  }

  /** Adds, keeps or drops printers to match the configuration; returns codes skipped as duplicates. */
  setPrinters(configs: PrinterConfig[]): string[] {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const cfg of configs) {
      if (seen.has(cfg.code)) {
        duplicates.push(cfg.code);
        continue;
      }
      seen.add(cfg.code);
      const rt = this.printers.get(cfg.code);
      if (rt && rt.cfg.protocol === cfg.protocol && rt.cfg.tenantId === cfg.tenantId) rt.cfg = cfg;
      else this.printers.set(cfg.code, this.newRuntime(cfg));
    }
    for (const [code, rt] of this.printers) {
      if (seen.has(code)) continue;
      if (rt.timer) clearTimeout(rt.timer);
      this.printers.delete(code);
    }
    return duplicates;
  }

  private newRuntime(cfg: PrinterConfig): Runtime {
    const restored = this.restored.get(cfg.code);
    const known = restored && restored.tenantId === cfg.tenantId ? restored.status : null;
    const status = known
      ? offlineStatus({ ...known, source: cfg.protocol }, 'not heard since the server started')
      : unknownStatus(cfg.code, cfg.protocol);
    return {
      cfg,
      norm: initialNormState(cfg.protocol),
      status,
      lastOnline: known && known.state !== 'offline' ? known.state : null,
      lastHeardAt: 0,
      emitted: null,
      emittedAt: 0,
      timer: null,
      dirty: false,
    };
  }

  config(code: string): PrinterConfig | undefined {
    return this.printers.get(code)?.cfg;
  }

  /** One message for printer `code`; every call ends in exactly one metrics outcome. */
  ingest(code: string, subtopic: string, payload: Uint8Array, topic: string): void {
    this.metrics.received++;
    const rt = this.printers.get(code);
    if (!rt) {
      this.metrics.unrouted++;
      return;
    }
    const now = Date.now();
    let result;
    try {
      result = normalize(rt.norm, subtopic, payload, { code, now: new Date(now).toISOString() });
    } catch (err) {
      // Normalizers are built and fuzzed not to throw; if one ever does, the message is rejected.
      result = {
        outcome: 'rejected' as const,
        reason: `normalizer failed: ${(err as Error).message}`,
        state: rt.norm,
        status: null,
      };
    }
    this.metrics[result.outcome]++;
    if (result.outcome === 'rejected') {
      this.metrics.lastRejected = {
        topic,
        reason: result.reason ?? 'rejected',
        at: new Date(now).toISOString(),
      };
      return; // garbage does not count as a sign of life
    }
    rt.norm = result.state;
    rt.lastHeardAt = now;
    if (result.requestFull) this.o.onRequestFull(rt.cfg);
    if (result.status) this.update(rt, result.status);
  }

  /** The connection to the printer (or to the broker it publishes through) closed. */
  markOffline(codes: Iterable<string>, reason: string): void {
    for (const code of codes) {
      const rt = this.printers.get(code);
      if (rt && rt.status.state !== 'offline') this.update(rt, offlineStatus(rt.status, reason));
    }
  }

  codes(filter: (cfg: PrinterConfig) => boolean): string[] {
    return [...this.printers.values()].filter((rt) => filter(rt.cfg)).map((rt) => rt.cfg.code);
  }

  private checkSilence(): void {
    const now = Date.now();
    for (const rt of this.printers.values()) {
      if (rt.status.state === 'offline' || !SILENCE_WATCHED.has(rt.cfg.protocol)) continue;
      const silentMs = now - rt.lastHeardAt;
      if (silentMs >= this.o.offlineAfterMs) {
        this.update(rt, offlineStatus(rt.status, `no message for ${Math.round(silentMs / 1000)} s`));
      }
    }
  }

  private update(rt: Runtime, next: PrinterStatus): void {
    const prev = rt.status;
    rt.status = next;
    rt.dirty = true;
    if (next.state !== prev.state) this.stateChanged(rt, prev.state, next);
    this.schedule(rt, next.state !== (rt.emitted?.state ?? prev.state));
  }

  private stateChanged(rt: Runtime, from: PrinterState, next: PrinterStatus): void {
    const kind = eventKind(from, next.state, rt.lastOnline);
    if (next.state !== 'offline') rt.lastOnline = next.state;
    this.persistSoon(rt);
    if (kind === null) return;
    const change: PrinterStateChange = {
      tenantId: rt.cfg.tenantId,
      printerCode: rt.cfg.code,
      printerId: rt.cfg.printerId ?? null,
      kind,
      from,
      to: next.state,
      jobName: next.jobName,
      at: new Date().toISOString(),
      status: next,
      operationId: null,
    };
    this.metrics.events++;
    this.events = this.events.then(() => this.record(change));
  }

  /** Links, records and announces one change; never rejects (the chain must keep going). */
  private async record(change: PrinterStateChange): Promise<void> {
    try {
      if (this.o.linkStep) change.operationId = await this.o.linkStep(change);
    } catch (err) {
      this.o.logger.error('linkStep failed', { printer: change.printerCode, error: err });
    }
    try {
      await this.o.store.recordEvent(change);
    } catch (err) {
      this.persistFailed(err);
    }
    try {
      await this.o.onStateChange?.(change);
    } catch (err) {
      this.o.logger.error('onStateChange failed', { printer: change.printerCode, error: err });
    }
  }

  /** Leading edge at once, then at most one update per `minIntervalMs`; state changes never wait. */
  private schedule(rt: Runtime, urgent: boolean): void {
    if (rt.timer && !urgent) return;
    if (rt.timer) {
      clearTimeout(rt.timer);
      rt.timer = null;
    }
    const wait = this.o.minIntervalMs - (Date.now() - rt.emittedAt);
    if (urgent || wait <= 0) {
      this.emit(rt);
      return;
    }
    rt.timer = setTimeout(() => {
      rt.timer = null;
      this.emit(rt);
    }, wait);
  }

  private emit(rt: Runtime): void {
    const now = Date.now();
    if (rt.emitted && sameStatusContent(rt.emitted, rt.status) && now - rt.emittedAt < HEARTBEAT_MS) return;
    rt.emitted = rt.status;
    rt.emittedAt = now;
    this.metrics.emitted++;
    const update: RelayUpdate = { tenantId: rt.cfg.tenantId, status: rt.status };
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (err) {
        this.o.logger.error('relay listener failed', { error: err });
      }
    }
    this.o.onEmit(update);
  }

  subscribe(listener: RelayListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  snapshot(tenantId?: string): RelayUpdate[] {
    const out: RelayUpdate[] = [];
    for (const rt of this.printers.values()) {
      if (tenantId === undefined || rt.cfg.tenantId === tenantId)
        out.push({ tenantId: rt.cfg.tenantId, status: rt.status });
    }
    return out.sort((a, b) => a.status.code.localeCompare(b.status.code));
  }

  /**
   * State changes are written right away, but batched per turn of the event loop: a lost broker
   * turns hundreds of printers offline at once, which is one upsert, not hundreds.
   */
  private persistSoon(rt: Runtime): void {
    this.urgent.add(rt);
    this.urgentTimer ??= setImmediate(() => {
      this.urgentTimer = null;
      const batch = [...this.urgent];
      this.urgent.clear();
      void this.persist(batch);
    });
  }

  /** Writes every printer changed since its last write, in one batch; one flush at a time. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const dirty = [...this.printers.values()].filter((rt) => rt.dirty);
    this.flushing = this.persist(dirty).finally(() => (this.flushing = null));
    return this.flushing;
  }

  /**
   * Writes run one after another, each with the statuses of the moment it was asked for, so an
   * older snapshot can never land after a newer one.
   */
  private persist(rts: Runtime[]): Promise<void> {
    if (rts.length === 0) return this.writes;
    for (const rt of rts) rt.dirty = false;
    const rows = rts.map((rt) => ({ tenantId: rt.cfg.tenantId, status: rt.status }));
    this.writes = this.writes.then(async () => {
      try {
        await this.o.store.saveSnapshot(rows);
        this.metrics.persisted += rows.length;
      } catch (err) {
        for (const rt of rts) rt.dirty = true; // try again on the next flush
        this.persistFailed(err);
      }
    });
    return this.writes;
  }

  private persistFailed(err: unknown): void {
    this.metrics.persistErrors++;
    // A database outage must not flood the log: one line per minute.
    if (Date.now() - this.lastPersistErrorLog > 60_000) {
      this.lastPersistErrorLog = Date.now();
      this.o.logger.error('relay could not persist printer status', {
        error: err,
        errors: this.metrics.persistErrors,
      });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.watchdog);
    clearInterval(this.flusher);
    for (const rt of this.printers.values()) if (rt.timer) clearTimeout(rt.timer);
    if (this.urgentTimer) clearImmediate(this.urgentTimer);
    this.urgent.clear(); // still dirty: the final flush below writes them
    this.listeners.clear();
    await this.events;
    await this.flush();
  }
}
