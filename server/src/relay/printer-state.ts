import {
  applyBambuReport,
  applyMoonrakerMessage,
  applyNativeStatus,
  applyOctoPrintMessage,
  bambuInitialState,
  moonrakerInitialState,
  octoPrintInitialState,
  type BambuState,
  type MoonrakerState,
  type NormalizeContext,
  type NormalizeResult,
  type OctoPrintState,
  type PrinterSource,
  type PrinterState,
  type PrinterStatus,
} from '@printfloor/shared';
import type { PrinterEventKind } from './relay.types.ts';

/** A printer's normalizer state, tagged by protocol. */
export type NormState =
  | { protocol: 'bambu'; s: BambuState }
  | { protocol: 'octoprint'; s: OctoPrintState }
  | { protocol: 'moonraker'; s: MoonrakerState }
  | { protocol: 'printfloor'; s: null };

export function initialNormState(protocol: PrinterSource): NormState {
  switch (protocol) {
    case 'bambu':
      return { protocol, s: bambuInitialState() };
    case 'octoprint':
      return { protocol, s: octoPrintInitialState() };
    case 'moonraker':
      return { protocol, s: moonrakerInitialState() };
    case 'printfloor':
      return { protocol, s: null };
  }
}

/** Runs the protocol's normalizer on one message; the result carries the next tagged state. */
export function normalize(
  norm: NormState,
  subtopic: string,
  payload: Uint8Array,
  ctx: NormalizeContext,
): NormalizeResult<NormState> {
  switch (norm.protocol) {
    case 'bambu': {
      const r = applyBambuReport(norm.s, payload, ctx);
      return { ...r, state: { protocol: 'bambu', s: r.state } };
    }
    case 'octoprint': {
      const r = applyOctoPrintMessage(norm.s, subtopic, payload, ctx);
      return { ...r, state: { protocol: 'octoprint', s: r.state } };
    }
    case 'moonraker': {
      const r = applyMoonrakerMessage(norm.s, subtopic, payload, ctx);
      return { ...r, state: { protocol: 'moonraker', s: r.state } };
    }
    case 'printfloor': {
      const r = applyNativeStatus(payload, ctx);
      return { ...r, state: norm };
    }
  }
}

/**
 * Which event a state change is. Offline gaps are looked through: a printer that was printing,
 * dropped off the network and came back printing is `online`, not a new print; one that comes back
 * finished is `finished`. `lastOnline` is the last state before the gap (null = never known, e.g.
 * the first status after the relay started without a persisted one).
 */
export function eventKind(
  from: PrinterState,
  to: PrinterState,
  lastOnline: PrinterState | null,
): PrinterEventKind | null {
  if (from === to) return null;
  if (to === 'offline') return 'offline';
  const before = from === 'offline' ? lastOnline : from;
  if (before === null || before === to) return 'online';
  switch (to) {
    case 'printing':
      return before === 'paused' ? 'resumed' : 'started';
    case 'paused':
    case 'finished':
    case 'failed':
    case 'error':
    case 'preparing':
    case 'idle':
      return to;
  }
}

/** The status a printer shows when the relay stops hearing from it; what is known stays visible. */
export function offlineStatus(status: PrinterStatus, detail: string): PrinterStatus {
  return { ...status, state: 'offline', stateDetail: detail };
}
