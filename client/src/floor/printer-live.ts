import type { PrinterError, PrinterState, PrinterStatus } from '@printfloor/shared';
import { freshness, STALE_AFTER_MS, type Freshness } from '../manage/farm-board.ts';

/**
 * What a tablet shows of one printer's live status (station card, printers list), pure so every
 * rule has a test. The freshness rule is the manager board's (manage/farm-board.ts): a status is
 * only `live` while the stream is connected and the relay heard from the printer within a minute;
 * anything else is said in words, never shown as live (DESIGN.md).
 */
export interface PrinterLive {
  state: PrinterState;
  stateLabel: string;
  /** `stateDetail` from the printer (door open, filament runout), or null. */
  detail: string | null;
  freshness: Freshness;
  /** The words that say why this is not live; null when it is. */
  notLive: string | null;
  jobName: string | null;
  /** 0–100 while a job is on the printer; null otherwise (an idle printer's 0 % is noise). */
  progress: number | null;
  remaining: string | null;
  layer: string | null;
  nozzle: string;
  bed: string;
  errors: PrinterError[];
  /** Tone for colouring: ok (printing), warn (paused/preparing/stale), bad (failed/error/offline), idle. */
  tone: 'ok' | 'warn' | 'bad' | 'idle';
}

export const STATE_LABEL: Record<PrinterState, string> = {
  offline: 'Offline',
  idle: 'Idle',
  preparing: 'Preparing',
  printing: 'Printing',
  paused: 'Paused',
  finished: 'Finished',
  failed: 'Failed',
  error: 'Error',
};

const JOB_STATES = new Set<PrinterState>(['preparing', 'printing', 'paused', 'finished', 'failed']);

export function temperature(v: number | null, target: number | null): string {
  if (v === null) return '—';
  return target ? `${Math.round(v)}° → ${Math.round(target)}°` : `${Math.round(v)}°`;
}

export function remainingText(min: number | null): string | null {
  if (min === null) return null;
  const total = Math.max(0, Math.round(min));
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${m} min left` : `${m} min left`;
}

export function heardAgo(lastSeen: string | null, now: number): string {
  const seen = lastSeen === null ? NaN : Date.parse(lastSeen);
  if (Number.isNaN(seen)) return 'never heard from';
  const s = Math.max(0, Math.round((now - seen) / 1000));
  if (s < 90) return `last heard ${s} s ago`;
  if (s < 5400) return `last heard ${Math.round(s / 60)} min ago`;
  return `last heard ${Math.round(s / 3600)} h ago`;
}

function toneOf(state: PrinterState, f: Freshness): PrinterLive['tone'] {
  if (f === 'offline' || state === 'failed' || state === 'error') return 'bad';
  if (f !== 'live') return 'warn';
  if (state === 'printing' || state === 'finished') return 'ok';
  if (state === 'paused' || state === 'preparing') return 'warn';
  return 'idle';
}

/** The live view of a printer's status; `status` null = the relay has sent nothing for it. */
export function printerLive(
  status: PrinterStatus | null,
  connected: boolean,
  now: number,
  staleAfterMs = STALE_AFTER_MS,
): PrinterLive {
  const f = freshness(status, connected, now, staleAfterMs);
  const state = status?.state ?? 'offline';
  const notLive =
    f === 'live'
      ? null
      : f === 'unknown'
        ? connected
          ? 'No status from this printer yet'
          : 'Printer status not connected'
        : f === 'offline'
          ? `Offline — ${status?.stateDetail ?? heardAgo(status?.lastSeen ?? null, now)}; last known values shown`
          : !connected
            ? `Not live — status stream disconnected, ${heardAgo(status?.lastSeen ?? null, now)}`
            : `Not live — ${heardAgo(status?.lastSeen ?? null, now)}`;
  const job = status !== null && JOB_STATES.has(state);
  return {
    state,
    stateLabel: STATE_LABEL[state],
    detail: state === 'offline' ? null : (status?.stateDetail ?? null),
    freshness: f,
    notLive,
    jobName: status?.jobName ?? null,
    progress: job && status.progress !== null ? Math.round(status.progress) : null,
    remaining: job && state !== 'finished' ? remainingText(status.remainingMinutes) : null,
    layer:
      status && status.layer !== null && status.totalLayers
        ? `layer ${status.layer}/${status.totalLayers}`
        : null,
    nozzle: temperature(status?.nozzleTemp ?? null, status?.nozzleTarget ?? null),
    bed: temperature(status?.bedTemp ?? null, status?.bedTarget ?? null),
    errors: status?.errors ?? [],
    tone: toneOf(state, f),
  };
}
