import {
  baseName,
  deepMerge,
  firstBadField,
  intIn,
  isRecord,
  numIn,
  parseJsonPayload,
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
 * Moonraker's `[mqtt]` component under `{instance}/`. `klipper/status` carries
 * `{eventtime, status: {object: {field: value}}}`: the first message after Klippy is ready is the
 * full subscription, later ones only changed fields, so objects are deep-merged. The split form
 * (`klipper/state/{obj}/{field}` = `{eventtime, value}`) and `printer.objects.query` answers on
 * `moonraker/api/response` merge the same way. `moonraker/status` is `{"server":"online"|"offline"}`
 * (offline is the last will).
 */
export interface MoonrakerState {
  objects: JsonObject;
  server: 'unknown' | 'online' | 'offline';
}

export const moonrakerInitialState = (): MoonrakerState => ({ objects: {}, server: 'unknown' });

/** Field types of the Klipper objects we read; a delta mistyping one is rejected whole. */
const OBJECT_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldKind>>>> = {
  print_stats: {
    state: 'string',
    filename: 'string',
    message: 'string',
    print_duration: 'numberish',
    total_duration: 'numberish',
    filament_used: 'numberish',
    info: 'object',
  },
  display_status: { progress: 'numberish', message: 'string' },
  virtual_sdcard: { progress: 'numberish' },
  extruder: { temperature: 'numberish', target: 'numberish' },
  heater_bed: { temperature: 'numberish', target: 'numberish' },
  webhooks: { state: 'string', state_message: 'string' },
};
const CHAMBER_OBJECTS = ['temperature_sensor chamber', 'heater_generic chamber', 'temperature_fan chamber'];

/** `print_stats.state` → common state (PROTOCOLS.md). */
const PRINT_STATES: Readonly<Record<string, PrinterState>> = {
  standby: 'idle',
  printing: 'printing',
  paused: 'paused',
  complete: 'finished',
  error: 'error',
  cancelled: 'failed',
};

type Result = NormalizeResult<MoonrakerState>;

/** Applies one message; `subtopic` is the topic below `{instance}/`. */
export function applyMoonrakerMessage(
  state: MoonrakerState,
  subtopic: string,
  payload: Uint8Array | string,
  ctx: NormalizeContext,
): Result {
  const parsed = parseJsonPayload(payload);
  if (!parsed.ok) return reject(state, parsed.reason);
  const body = parsed.value;
  if (!isRecord(body)) return reject(state, 'payload is not an object');
  if (subtopic === 'moonraker/status') {
    if (body.server !== 'online' && body.server !== 'offline')
      return reject(state, 'server is not online/offline');
    return applied({ ...state, server: body.server }, ctx);
  }
  if (subtopic === 'klipper/status') {
    if (!isRecord(body.status)) return reject(state, '`status` is not an object');
    return mergeStatus(state, body.status, ctx);
  }
  if (subtopic === 'moonraker/api/response') {
    const result = isRecord(body.result) ? body.result : null;
    // Answers to other requests (or errors) carry no printer objects.
    if (!result || !isRecord(result.status)) return { state, outcome: 'ignored', status: null };
    return mergeStatus(state, result.status, ctx);
  }
  const split = /^klipper\/state\/([^/]+)\/([^/]+)$/.exec(subtopic);
  if (split?.[1] && split[2]) {
    if (!Object.hasOwn(body, 'value')) return reject(state, 'split status without `value`');
    return mergeStatus(state, { [split[1]]: { [split[2]]: body.value } }, ctx);
  }
  return { state, outcome: 'ignored', status: null, reason: 'unknown topic' };
}

function mergeStatus(state: MoonrakerState, delta: JsonObject, ctx: NormalizeContext): Result {
  for (const [name, fields] of Object.entries(OBJECT_FIELDS)) {
    if (!Object.hasOwn(delta, name)) continue;
    const obj = delta[name];
    if (!isRecord(obj)) return reject(state, `${name} is not an object`);
    const bad = firstBadField(obj, fields);
    if (bad !== null) return reject(state, `bad field ${name}.${bad}`);
  }
  // A status message means Moonraker is up, even if its retained `online` has not arrived yet.
  return applied({ objects: deepMerge(state.objects, delta), server: 'online' }, ctx);
}

function applied(next: MoonrakerState, ctx: NormalizeContext): Result {
  return { state: next, outcome: 'applied', status: moonrakerStatus(next, ctx) };
}

function reject(state: MoonrakerState, reason: string): Result {
  return { state, outcome: 'rejected', status: null, reason };
}

const obj = (objects: JsonObject, name: string): JsonObject => (isRecord(objects[name]) ? objects[name] : {});

/** Derives the common status from the merged Klipper objects. */
export function moonrakerStatus(s: MoonrakerState, ctx: NormalizeContext): PrinterStatus {
  const stats = obj(s.objects, 'print_stats');
  const hooks = obj(s.objects, 'webhooks');
  const info = isRecord(stats.info) ? stats.info : {};
  const { state, detail, errors } = moonrakerState(s, stats, hooks);
  const frac =
    numIn(obj(s.objects, 'display_status').progress, 0, 1) ??
    numIn(obj(s.objects, 'virtual_sdcard').progress, 0, 1);
  const duration = numIn(stats.print_duration, 0, 1e9);
  const hasJob = state !== 'idle' && state !== 'offline';
  const chamber = CHAMBER_OBJECTS.map((n) => numIn(obj(s.objects, n).temperature, -100, 1500)).find(
    (t) => t !== null,
  );
  return {
    ...unknownStatus(ctx.code, 'moonraker'),
    state,
    stateDetail: detail,
    progress: hasJob && frac !== null ? Math.round(frac * 1000) / 10 : null,
    remainingMinutes: state === 'printing' || state === 'paused' ? remainingMinutes(frac, duration) : null,
    layer: intIn(info.current_layer, 0, 10_000_000),
    totalLayers: intIn(info.total_layer, 0, 10_000_000),
    nozzleTemp: numIn(obj(s.objects, 'extruder').temperature, -100, 1500),
    nozzleTarget: numIn(obj(s.objects, 'extruder').target, -100, 1500),
    bedTemp: numIn(obj(s.objects, 'heater_bed').temperature, -100, 1500),
    bedTarget: numIn(obj(s.objects, 'heater_bed').target, -100, 1500),
    chamberTemp: chamber ?? null,
    jobName: hasJob ? baseName(stats.filename) : null,
    filamentUsedMm: hasJob ? numIn(stats.filament_used, 0, 100_000_000) : null,
    errors,
    lastSeen: ctx.now,
  };
}

function moonrakerState(
  s: MoonrakerState,
  stats: JsonObject,
  hooks: JsonObject,
): { state: PrinterState; detail: string | null; errors: PrinterError[] } {
  if (s.server === 'offline') return { state: 'offline', detail: 'Moonraker is offline', errors: [] };
  const klippy = str(hooks.state, 50);
  if (klippy === 'shutdown' || klippy === 'error') {
    const text = str(hooks.state_message, 400) ?? `Klipper ${klippy}`;
    return {
      state: 'error',
      detail: klippy,
      errors: [{ code: `KLIPPER_${klippy.toUpperCase()}`, text, severity: 'fatal' }],
    };
  }
  const raw = str(stats.state, 50);
  const state = (raw !== null ? PRINT_STATES[raw] : undefined) ?? 'idle';
  const message = str(stats.message, 400);
  const errors: PrinterError[] =
    state === 'error'
      ? [{ code: 'PRINT_ERROR', text: message ?? 'The print stopped with an error.', severity: 'serious' }]
      : [];
  return { state, detail: raw === 'cancelled' ? 'cancelled' : (message ?? null), errors };
}

/** Mainsail's file-relative estimate: time so far scaled by what is left; unknown early on. */
function remainingMinutes(frac: number | null, duration: number | null): number | null {
  if (frac === null || duration === null || frac < 0.01 || duration <= 0) return null;
  return Math.min(1_000_000, Math.round((duration / frac - duration) / 60));
}
