import {
  activeTray,
  amsSlotLabel,
  BAMBU_CANCEL_ERROR,
  hmsError,
  pauseDetail,
  printError,
  printErrorCode,
} from './bambu-codes.ts';
import {
  baseName,
  colorHex,
  deepMerge,
  firstBadField,
  intIn,
  isRecord,
  num,
  numIn,
  parseJsonPayload,
  safeObject,
  str,
  type FieldKind,
  type JsonObject,
} from './coerce.ts';
import type {
  FilamentTray,
  NormalizeContext,
  NormalizeResult,
  PrinterError,
  PrinterState,
  PrinterStatus,
} from './status.ts';

/**
 * Bambu Lab local MQTT (`device/<serial>/report`). The printer sends full reports (`msg` 0 or
 * absent, e.g. the answer to `pushall`) and — P1/A1 — partial ones (`msg` 1) that only make sense
 * merged into the last full report. The merge state is the merged `print` object.
 */
export interface BambuState {
  /** Merged `print` object of the last full report plus the deltas since; null before any. */
  print: JsonObject | null;
}

export const bambuInitialState = (): BambuState => ({ print: null });

/** Types of the `print` fields we read. A report with one of them mistyped is rejected whole. */
const PRINT_FIELDS: Readonly<Record<string, FieldKind>> = {
  command: 'string',
  msg: 'numberish',
  gcode_state: 'string',
  mc_percent: 'numberish',
  mc_remaining_time: 'numberish',
  layer_num: 'numberish',
  total_layer_num: 'numberish',
  subtask_name: 'string',
  gcode_file: 'string',
  nozzle_temper: 'numberish',
  nozzle_target_temper: 'numberish',
  bed_temper: 'numberish',
  bed_target_temper: 'numberish',
  chamber_temper: 'numberish',
  stg_cur: 'numberish',
  mc_print_stage: 'numberish',
  print_error: 'numberish',
  hms: 'array',
  ams: 'object',
  vt_tray: 'object',
};
const AMS_FIELDS: Readonly<Record<string, FieldKind>> = { ams: 'array', tray_now: 'numberish' };

/** `gcode_state` → common state (PROTOCOLS.md). */
const GCODE_STATES: Readonly<Record<string, PrinterState>> = {
  IDLE: 'idle',
  INIT: 'idle',
  PREPARE: 'preparing',
  SLICING: 'preparing',
  RUNNING: 'printing',
  PAUSE: 'paused',
  FINISH: 'finished',
  FAILED: 'failed',
};

/**
 * Applies one report to the state. Full reports replace the state, deltas merge into it (objects key
 * by key; scalars and arrays — `hms`, `ams.ams` — replaced whole). A delta before any full report
 * cannot be applied: it is dropped and `requestFull` asks the relay for a `pushall`.
 */
export function applyBambuReport(
  state: BambuState,
  payload: Uint8Array | string,
  ctx: NormalizeContext,
): NormalizeResult<BambuState> {
  const parsed = parseJsonPayload(payload);
  if (!parsed.ok) return reject(state, parsed.reason);
  const msg = parsed.value;
  if (!isRecord(msg)) return reject(state, 'report is not an object');
  // info / system / mc_print / upgrade / camera messages are not status.
  if (!Object.hasOwn(msg, 'print')) return { state, outcome: 'ignored', status: current(state, ctx) };
  const print = msg.print;
  if (!isRecord(print)) return reject(state, '`print` is not an object');
  const bad =
    firstBadField(print, PRINT_FIELDS) ?? (isRecord(print.ams) ? firstBadField(print.ams, AMS_FIELDS) : null);
  if (bad !== null) return reject(state, `bad field ${bad}`);
  // Command replies (`result`, `reason`) share the `print` object but carry no status.
  if (print.command !== 'push_status') return { state, outcome: 'ignored', status: current(state, ctx) };

  const isDelta = num(print.msg) === 1;
  if (isDelta && state.print === null) {
    return {
      state,
      outcome: 'ignored',
      status: null,
      reason: 'delta before any full report',
      requestFull: true,
    };
  }
  const merged = isDelta && state.print ? deepMerge(state.print, print) : safeObject(print);
  const next: BambuState = { print: merged };
  return { state: next, outcome: 'applied', status: bambuStatus(merged, ctx) };
}

function reject(state: BambuState, reason: string): NormalizeResult<BambuState> {
  return { state, outcome: 'rejected', status: null, reason };
}

function current(state: BambuState, ctx: NormalizeContext): PrinterStatus | null {
  return state.print ? bambuStatus(state.print, ctx) : null;
}

/** Derives the common status from a merged `print` object. */
export function bambuStatus(print: JsonObject, ctx: NormalizeContext): PrinterStatus {
  const errors = bambuErrors(print);
  const { state, detail } = bambuState(print, errors);
  const hasJob = state !== 'idle' && state !== 'offline';
  return {
    code: ctx.code,
    source: 'bambu',
    state,
    stateDetail: detail,
    progress: numIn(print.mc_percent, 0, 100),
    remainingMinutes: numIn(print.mc_remaining_time, 0, 1_000_000),
    layer: intIn(print.layer_num, 0, 10_000_000),
    totalLayers: intIn(print.total_layer_num, 0, 10_000_000),
    nozzleTemp: numIn(print.nozzle_temper, -100, 1500),
    nozzleTarget: numIn(print.nozzle_target_temper, -100, 1500),
    bedTemp: numIn(print.bed_temper, -100, 1500),
    bedTarget: numIn(print.bed_target_temper, -100, 1500),
    chamberTemp: numIn(print.chamber_temper, -100, 1500),
    jobName: hasJob ? (str(print.subtask_name, 300) ?? baseName(print.gcode_file)) : null,
    filamentUsedMm: null,
    errors,
    trays: bambuTrays(print),
    lastSeen: ctx.now,
  };
}

/**
 * State rules: `gcode_state` maps as PROTOCOLS.md says; the cancel code 0x0300400C means failed
 * whatever `gcode_state` still says; a fatal HMS entry means error. Any other non-zero
 * `print_error` is listed but does not change the state (0500C011 is an SD-card advisory).
 */
function bambuState(
  print: JsonObject,
  errors: PrinterError[],
): { state: PrinterState; detail: string | null } {
  const raw = str(print.gcode_state, 50)?.toUpperCase() ?? null;
  if (printErrorCode(print.print_error) === BAMBU_CANCEL_ERROR)
    return { state: 'failed', detail: 'cancelled' };
  if (errors.some((e) => e.severity === 'fatal')) return { state: 'error', detail: raw };
  const mapped = raw === null ? undefined : GCODE_STATES[raw];
  if (mapped === undefined) return { state: 'idle', detail: raw };
  return { state: mapped, detail: mapped === 'paused' ? pauseDetail(print) : null };
}

function bambuErrors(print: JsonObject): PrinterError[] {
  const errors: PrinterError[] = [];
  const pe = printError(print.print_error);
  if (pe) errors.push(pe);
  if (Array.isArray(print.hms)) {
    for (const entry of print.hms) {
      const e = hmsError(entry);
      if (e && errors.length < 64) errors.push(e);
    }
  }
  return errors;
}

/** AMS trays (in unit order) plus the external spool when one is set or feeding. */
function bambuTrays(print: JsonObject): FilamentTray[] {
  const trays: FilamentTray[] = [];
  const ams = isRecord(print.ams) ? print.ams : null;
  const active = activeTray(ams?.tray_now);
  const units = Array.isArray(ams?.ams) ? ams.ams : [];
  for (const unit of units) {
    if (!isRecord(unit) || !Array.isArray(unit.tray)) continue;
    const amsId = intIn(unit.id, 0, 253);
    if (amsId === null) continue;
    for (const tray of unit.tray) {
      const trayId = isRecord(tray) ? intIn(tray.id, 0, 15) : null;
      if (trayId === null || !isRecord(tray) || trays.length >= 63) continue;
      const isActive = typeof active === 'object' && active?.amsId === amsId && active.trayId === trayId;
      trays.push(trayOf(amsSlotLabel(amsId, trayId), tray, isActive, true));
    }
  }
  const vt = isRecord(print.vt_tray) ? print.vt_tray : null;
  if (vt && (str(vt.tray_type) !== null || active === 'external')) {
    // An external spool has no RFID: the printer cannot know how much is left.
    trays.push(trayOf('EXT', vt, active === 'external', false));
  }
  return trays;
}

function trayOf(slot: string, tray: JsonObject, active: boolean, measured: boolean): FilamentTray {
  const type = str(tray.tray_type, 50);
  return {
    slot,
    type,
    colorHex: type === null ? null : colorHex(tray.tray_color),
    // `remain` -1 means unknown (non-Bambu spool).
    remainPercent: measured && type !== null ? numIn(tray.remain, 0, 100) : null,
    active,
  };
}

/** The request that makes a printer send a full report (PROTOCOLS.md). */
export const BAMBU_PUSHALL = JSON.stringify({ pushing: { sequence_id: '0', command: 'pushall' } });
export const BAMBU_GET_VERSION = JSON.stringify({ info: { sequence_id: '0', command: 'get_version' } });
