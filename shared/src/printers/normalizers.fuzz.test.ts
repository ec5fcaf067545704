import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import x1cFull from '../../test-fixtures/printer-mqtt/bambu-x1c-full-ams.json';
import hmsRunning from '../../test-fixtures/printer-mqtt/bambu-hms-error-running.json';
import progressPrinterData from '../../test-fixtures/printer-mqtt/octoprint-progress-printerdata.json';
import moonrakerFull from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-full-printing.json';
import { applyBambuReport, bambuInitialState, type BambuState } from './bambu.ts';
import { applyMoonrakerMessage, moonrakerInitialState, type MoonrakerState } from './moonraker.ts';
import { applyNativeStatus } from './native.ts';
import { applyOctoPrintMessage, octoPrintInitialState, type OctoPrintState } from './octoprint.ts';
import { printerStatusSchema, type NormalizeResult } from './status.ts';

const ctx = { code: 'PR-FUZZ', now: '2025-06-14T06:00:00.000Z' };
type Payload = Uint8Array | string;

/** A value of any JSON type, with the extremes printers (or attackers) produce. */
const wild: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    -1,
    0xffffffff,
    2 ** 53 + 1,
    '1e400',
    'NaN',
    '-0',
    '',
  ),
  fc.double().map((d) => (Number.isFinite(d) ? d : 0)),
  fc.bigInt().map(String),
  fc.string(),
);

/** A real payload with one field somewhere inside replaced by a wild value. */
function mutated(base: unknown): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(), wild, fc.string({ maxLength: 12 })).map(([pick, value, newKey]) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    const holders: Record<string, unknown>[] = [];
    const walk = (v: unknown): void => {
      if (v && typeof v === 'object') {
        if (!Array.isArray(v)) holders.push(v as Record<string, unknown>);
        for (const child of Object.values(v)) walk(child);
      }
    };
    walk(copy);
    const target = holders[pick % holders.length]!;
    const keys = Object.keys(target);
    const key = pick % 3 === 0 || keys.length === 0 ? newKey : keys[pick % keys.length]!;
    target[key] = value;
    return JSON.stringify(copy);
  });
}

/** Field names the normalizers read, so wild values land on them often. */
const knownKey = fc.constantFrom(
  ...[
    'gcode_state',
    'mc_percent',
    'mc_remaining_time',
    'layer_num',
    'total_layer_num',
    'subtask_name',
    'gcode_file',
  ],
  ...[
    'nozzle_temper',
    'nozzle_target_temper',
    'bed_temper',
    'bed_target_temper',
    'chamber_temper',
    'stg_cur',
  ],
  ...[
    'print_error',
    'hms',
    'ams',
    'vt_tray',
    'tray_now',
    'tray',
    'id',
    'remain',
    'tray_type',
    'tray_color',
    'attr',
    'code',
  ],
  ...[
    'state',
    'filename',
    'message',
    'print_duration',
    'filament_used',
    'info',
    'progress',
    'temperature',
    'target',
  ],
  ...[
    'current_layer',
    'total_layer',
    'state_id',
    'actual',
    'printer_data',
    'printTimeLeft',
    'flags',
    'path',
    'name',
  ],
  ...[
    'stateDetail',
    'remainingMinutes',
    'layer',
    'totalLayers',
    'nozzleTemp',
    'errors',
    'trays',
    'slot',
    'colorHex',
  ],
);
const knownDict = fc.dictionary(
  knownKey,
  fc.oneof(wild, fc.dictionary(knownKey, wild), fc.array(fc.dictionary(knownKey, wild))),
);

/** Anything at all: random bytes, random text, random JSON, mutated real payloads. */
function anyPayload(...bases: unknown[]): fc.Arbitrary<Payload> {
  return fc.oneof(
    knownDict.map((o) => JSON.stringify(o)),
    knownDict.map((o) => JSON.stringify({ print: { command: 'push_status', msg: 1, ...o } })),
    knownDict.map((o) =>
      JSON.stringify({
        print: { command: 'push_status', msg: 1, ams: { ams: [{ id: 0, tray: [o] }], ...o } },
      }),
    ),
    knownDict.map((o) =>
      JSON.stringify({
        eventtime: 1,
        status: { print_stats: o, extruder: o, display_status: o, webhooks: o },
      }),
    ),
    knownDict.map((o) => JSON.stringify({ state: 'idle', ...o })),
    fc.uint8Array({ maxLength: 512 }),
    fc.string({ unit: 'binary', maxLength: 256 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.dictionary(fc.string(), wild).map((o) => JSON.stringify(o)),
    fc
      .dictionary(fc.string(), wild)
      .map((o) => JSON.stringify({ print: { command: 'push_status', msg: 1, ...o } })),
    fc
      .dictionary(fc.string(), wild)
      .map((o) => JSON.stringify({ eventtime: 1, status: { print_stats: o, extruder: o } })),
    ...bases.map(mutated),
  );
}

function checkResult<S>(r: NormalizeResult<S>): S {
  expect(['applied', 'ignored', 'rejected']).toContain(r.outcome);
  if (r.status !== null) {
    const parsed = printerStatusSchema.safeParse(r.status);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  }
  return r.state;
}

const runs = { numRuns: 300 };

describe('no input makes a normalizer throw, and every status it gives validates', () => {
  it('Bambu: sequences of anything onto a real full report', () => {
    fc.assert(
      fc.property(fc.array(anyPayload(x1cFull, hmsRunning), { maxLength: 8 }), (payloads) => {
        let state: BambuState = applyBambuReport(bambuInitialState(), JSON.stringify(hmsRunning), ctx).state;
        for (const p of payloads) state = checkResult(applyBambuReport(state, p, ctx));
      }),
      runs,
    );
  });

  it('OctoPrint: anything on any of its topics', () => {
    const topic = fc.constantFrom(
      'mqtt',
      'event/PrinterStateChanged',
      'event/PrintStarted',
      'event/PrintDone',
      'event/Error',
      'progress/printing',
      'temperature/tool0',
      'temperature/bed',
      'weird/a/b',
      '',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(topic, anyPayload(progressPrinterData)), { maxLength: 8 }), (msgs) => {
        let state: OctoPrintState = octoPrintInitialState();
        for (const [t, p] of msgs) state = checkResult(applyOctoPrintMessage(state, t, p, ctx));
      }),
      runs,
    );
  });

  it('Moonraker: anything on any of its topics', () => {
    const topic = fc.constantFrom(
      'klipper/status',
      'moonraker/status',
      'moonraker/api/response',
      'klipper/state/print_stats/state',
      'klipper/state/extruder/temperature',
      'klipper/state/__proto__/x',
      'other',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(topic, anyPayload(moonrakerFull)), { maxLength: 8 }), (msgs) => {
        let state: MoonrakerState = applyMoonrakerMessage(
          moonrakerInitialState(),
          'klipper/status',
          JSON.stringify(moonrakerFull),
          ctx,
        ).state;
        for (const [t, p] of msgs) state = checkResult(applyMoonrakerMessage(state, t, p, ctx));
      }),
      runs,
    );
  });

  it('native: anything', () => {
    const native = {
      state: 'printing',
      progress: 10,
      trays: [{ slot: 'T0', type: 'PLA', colorHex: '#FFFFFF', remainPercent: 5, active: true }],
    };
    fc.assert(
      fc.property(anyPayload(native), (p) => void checkResult(applyNativeStatus(p, ctx))),
      runs,
    );
  });

  it('deeply nested and oversized payloads are rejected, not a stack overflow', () => {
    const deep = '{"print":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(() => applyBambuReport(bambuInitialState(), deep, ctx)).not.toThrow();
    const huge = JSON.stringify({ print: { command: 'push_status', pad: 'x'.repeat(300_000) } });
    expect(applyBambuReport(bambuInitialState(), huge, ctx)).toMatchObject({
      outcome: 'rejected',
      reason: 'payload too large',
    });
    const nested = JSON.stringify({
      eventtime: 1,
      status: JSON.parse('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)) as unknown,
    });
    const s = applyMoonrakerMessage(moonrakerInitialState(), 'klipper/status', nested, ctx);
    expect(() => applyMoonrakerMessage(s.state, 'klipper/status', nested, ctx)).not.toThrow();
  });
});
