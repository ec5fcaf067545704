import {
  baseName,
  firstBadField,
  isRecord,
  numIn,
  parseJsonPayload,
  payloadText,
  str,
  type FieldKind,
  type JsonObject,
} from './coerce.ts';
import type {
  NormalizeContext,
  NormalizeResult,
  PrinterError,
  PrinterState,
  PrinterStatus,
} from './status.ts';
import { unknownStatus } from './status.ts';

/**
 * OctoPrint's MQTT plugin (OctoPrint-MQTT) publishing under a base topic that is unique per printer.
 * Messages arrive one aspect at a time (events, progress, temperatures, last will), so the state
 * keeps what each said. OctoPrint goes back to OPERATIONAL after a job, so finished / failed are
 * latched from PrintDone / PrintFailed / PrintCancelled until the next job starts.
 */
export interface OctoPrintState {
  /** Last will on `<base>/mqtt`: is OctoPrint itself connected to the broker. */
  link: 'unknown' | 'up' | 'down';
  /** Printer state from events and `printer_data` flags; null until one arrives. */
  printer: PrinterState | null;
  stateText: string | null;
  latched: 'finished' | 'failed' | null;
  latchDetail: string | null;
  error: string | null;
  progress: number | null;
  remainingMinutes: number | null;
  jobName: string | null;
  temps: { nozzle: Temp; bed: Temp; chamber: Temp };
}
interface Temp {
  actual: number | null;
  target: number | null;
}

const noTemp = (): Temp => ({ actual: null, target: null });
export const octoPrintInitialState = (): OctoPrintState => ({
  link: 'unknown',
  printer: null,
  stateText: null,
  latched: null,
  latchDetail: null,
  error: null,
  progress: null,
  remainingMinutes: null,
  jobName: null,
  temps: { nozzle: noTemp(), bed: noTemp(), chamber: noTemp() },
});

/** `PrinterStateChanged.state_id` → common state (PROTOCOLS.md); unknown ids go through `looseState`. */
const STATE_IDS: Readonly<Record<string, PrinterState>> = {
  OPERATIONAL: 'idle',
  STARTING: 'printing',
  PRINTING: 'printing',
  RESUMING: 'printing',
  FINISHING: 'printing',
  CANCELLING: 'printing',
  PAUSING: 'paused',
  PAUSED: 'paused',
  OFFLINE: 'offline',
  NONE: 'offline',
  CLOSED: 'offline',
  ERROR: 'error',
  CLOSED_WITH_ERROR: 'error',
};

/** OctoPrint 2.0 adds state ids; match them by the words they contain. */
export function looseState(stateId: string): PrinterState | null {
  const id = stateId
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  const exact = STATE_IDS[id];
  if (exact) return exact;
  if (id.includes('ERROR')) return 'error';
  if (id.includes('PAUS')) return 'paused';
  if (id.includes('PRINT') || id.includes('RESUM') || id.includes('CANCEL') || id.includes('FINISH'))
    return 'printing';
  if (id.includes('OFFLINE') || id.includes('CLOSED') || id.includes('DISCONNECT')) return 'offline';
  if (id.includes('OPERATIONAL') || id.includes('READY')) return 'idle';
  return null;
}

const EVENT_FIELDS: Readonly<Record<string, FieldKind>> = {
  _event: 'string',
  state_id: 'string',
  state_string: 'string',
  name: 'string',
  path: 'string',
  filename: 'string',
  reason: 'string',
  error: 'string',
};
const PROGRESS_FIELDS: Readonly<Record<string, FieldKind>> = {
  progress: 'numberish',
  path: 'string',
  printer_data: 'object',
};
const TEMP_FIELDS: Readonly<Record<string, FieldKind>> = { actual: 'numberish', target: 'numberish' };

type Result = NormalizeResult<OctoPrintState>;

/**
 * Applies one message. `subtopic` is the topic below the printer's base topic:
 * `event/<Event>`, `progress/printing`, `progress/slicing`, `temperature/<tool0|bed|chamber>`, `mqtt`.
 */
export function applyOctoPrintMessage(
  state: OctoPrintState,
  subtopic: string,
  payload: Uint8Array | string,
  ctx: NormalizeContext,
): Result {
  if (subtopic === 'mqtt') return applyLastWill(state, payload, ctx);
  const [kind, name, ...rest] = subtopic.split('/');
  if (!name || rest.length > 0) return { state, outcome: 'ignored', status: null, reason: 'unknown topic' };
  const parsed = parseJsonPayload(payload);
  if (!parsed.ok) return reject(state, parsed.reason);
  if (!isRecord(parsed.value)) return reject(state, 'payload is not an object');
  const body = parsed.value;
  switch (kind ?? '') {
    case 'event':
      return checked(state, body, EVENT_FIELDS, ctx, () => applyEvent(state, name, body));
    case 'progress':
      if (name !== 'printing') return { state, outcome: 'ignored', status: octoPrintStatus(state, ctx) };
      return checked(state, body, PROGRESS_FIELDS, ctx, () => applyProgress(state, body));
    case 'temperature':
      return checked(state, body, TEMP_FIELDS, ctx, () => applyTemperature(state, name, body));
    default:
      return { state, outcome: 'ignored', status: null, reason: 'unknown topic' };
  }
}

function checked(
  state: OctoPrintState,
  body: JsonObject,
  fields: Readonly<Record<string, FieldKind>>,
  ctx: NormalizeContext,
  apply: () => OctoPrintState | null,
): Result {
  const bad = firstBadField(body, fields);
  if (bad !== null) return reject(state, `bad field ${bad}`);
  const next = apply();
  if (next === null) return { state, outcome: 'ignored', status: octoPrintStatus(state, ctx) };
  return { state: next, outcome: 'applied', status: octoPrintStatus(next, ctx) };
}

function reject(state: OctoPrintState, reason: string): Result {
  return { state, outcome: 'rejected', status: null, reason };
}

function applyLastWill(state: OctoPrintState, payload: Uint8Array | string, ctx: NormalizeContext): Result {
  const text = payloadText(payload)?.trim().toLowerCase();
  if (text !== 'connected' && text !== 'disconnected')
    return reject(state, 'last will is not connected/disconnected');
  const next: OctoPrintState = { ...state, link: text === 'connected' ? 'up' : 'down' };
  return { state: next, outcome: 'applied', status: octoPrintStatus(next, ctx) };
}

function jobNameOf(body: JsonObject): string | null {
  return str(body.name, 300) ?? baseName(body.path) ?? str(body.filename, 300) ?? baseName(body.file);
}

/** Applies an event; null when the event says nothing about the printer (ClientOpened …). */
function applyEvent(state: OctoPrintState, event: string, body: JsonObject): OctoPrintState | null {
  const s = { ...state, link: 'up' as const };
  switch (event) {
    case 'PrinterStateChanged': {
      const id = str(body.state_id, 50);
      const mapped = id ? looseState(id) : null;
      if (mapped === null) return { ...s, stateText: str(body.state_string) ?? s.stateText };
      // STARTING means a new job: whatever was latched belongs to the last one.
      const newJob = id?.toUpperCase() === 'STARTING';
      return {
        ...s,
        printer: mapped,
        stateText: str(body.state_string),
        latched: newJob ? null : s.latched,
        error: mapped === 'error' ? s.error : null,
      };
    }
    case 'Connected':
      return { ...s, printer: 'idle', error: null };
    case 'Disconnected':
    case 'Shutdown':
      return { ...s, printer: 'offline' };
    case 'Error':
      return { ...s, printer: 'error', error: str(body.error, 400) ?? 'OctoPrint reports an error' };
    case 'PrintStarted':
      return {
        ...s,
        printer: 'printing',
        latched: null,
        latchDetail: null,
        error: null,
        progress: 0,
        remainingMinutes: null,
        jobName: jobNameOf(body),
      };
    case 'PrintDone':
      return {
        ...s,
        latched: 'finished',
        latchDetail: null,
        progress: 100,
        remainingMinutes: 0,
        jobName: jobNameOf(body) ?? s.jobName,
      };
    case 'PrintFailed':
    case 'PrintCancelled':
      return {
        ...s,
        latched: 'failed',
        latchDetail: event === 'PrintCancelled' || body.reason === 'cancelled' ? 'cancelled' : 'failed',
        jobName: jobNameOf(body) ?? s.jobName,
      };
    case 'PrintPaused':
      return { ...s, printer: 'paused' };
    case 'PrintResumed':
      return { ...s, printer: 'printing' };
    default:
      return null;
  }
}

function applyProgress(state: OctoPrintState, body: JsonObject): OctoPrintState {
  const data = isRecord(body.printer_data) ? body.printer_data : null;
  const progress = isRecord(data?.progress) ? data.progress : null;
  const left = numIn(progress?.printTimeLeft, 0, 60_000_000);
  const flagsState = flagState(data);
  return {
    ...state,
    link: 'up',
    progress: numIn(body.progress, 0, 100) ?? state.progress,
    remainingMinutes: left === null ? state.remainingMinutes : Math.round(left / 60),
    jobName: baseName(body.path) ?? state.jobName,
    printer: flagsState ?? state.printer,
    stateText: flagsState
      ? (str(isRecord(data?.state) ? data.state.text : null) ?? state.stateText)
      : state.stateText,
  };
}

/** State from `printer_data.state.flags` (the progress topic's optional printer data). */
function flagState(data: JsonObject | null): PrinterState | null {
  const st = isRecord(data?.state) ? data.state : null;
  const flags = isRecord(st?.flags) ? st.flags : null;
  if (!flags) return null;
  if (flags.error === true) return 'error';
  if (flags.paused === true || flags.pausing === true) return 'paused';
  if (flags.printing === true || flags.cancelling === true) return 'printing';
  if (flags.operational === true) return 'idle';
  if (flags.closedOrError === true) return 'offline';
  return null;
}

function applyTemperature(state: OctoPrintState, sensor: string, body: JsonObject): OctoPrintState | null {
  const key =
    sensor === 'tool0' ? 'nozzle' : sensor === 'bed' ? 'bed' : sensor === 'chamber' ? 'chamber' : null;
  if (key === null) return null; // tool1…: one nozzle is shown
  const t: Temp = { actual: numIn(body.actual, -100, 1500), target: numIn(body.target, -100, 1500) };
  return { ...state, link: 'up', temps: { ...state.temps, [key]: t } };
}

/** Derives the common status; the latch wins over OPERATIONAL, offline and error win over the latch. */
export function octoPrintStatus(s: OctoPrintState, ctx: NormalizeContext): PrinterStatus {
  let state: PrinterState = s.printer ?? 'idle';
  let detail = s.stateText;
  if (s.link === 'down') {
    state = 'offline';
    detail = 'OctoPrint is not connected to the broker';
  } else if (s.latched && state !== 'offline' && state !== 'error') {
    state = s.latched;
    detail = s.latchDetail;
  }
  const errors: PrinterError[] =
    s.error && state === 'error' ? [{ code: 'OCTOPRINT', text: s.error, severity: 'serious' }] : [];
  const hasJob = state !== 'idle' && state !== 'offline';
  return {
    ...unknownStatus(ctx.code, 'octoprint'),
    state,
    stateDetail: detail,
    progress: hasJob ? s.progress : null,
    remainingMinutes: hasJob ? s.remainingMinutes : null,
    jobName: hasJob ? s.jobName : null,
    nozzleTemp: s.temps.nozzle.actual,
    nozzleTarget: s.temps.nozzle.target,
    bedTemp: s.temps.bed.actual,
    bedTarget: s.temps.bed.target,
    chamberTemp: s.temps.chamber.actual,
    errors,
    lastSeen: ctx.now,
  };
}
