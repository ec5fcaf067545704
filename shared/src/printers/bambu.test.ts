import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// Real payloads (SOURCES.md says where each came from).
import x1cFull from '../../test-fixtures/printer-mqtt/bambu-x1c-full-ams.json';
import hmsRunning from '../../test-fixtures/printer-mqtt/bambu-hms-error-running.json';
import p1pFull from '../../test-fixtures/printer-mqtt/bambu-p1p-full-noams.json';
import p1sDelta1 from '../../test-fixtures/printer-mqtt/bambu-p1s-delta-1.json';
import p1sDelta2 from '../../test-fixtures/printer-mqtt/bambu-p1s-delta-2.json';
import p1sDeltaAmsPrint from '../../test-fixtures/printer-mqtt/bambu-p1s-delta-ams.json';
// Built payloads (built/README.md): cases no real capture covers.
import builtHmsClear from '../../test-fixtures/printer-mqtt/built/built-bambu-delta-hms-clear.json';
import builtHmsFatal from '../../test-fixtures/printer-mqtt/built/built-bambu-delta-hms-fatal.json';
import builtCancel from '../../test-fixtures/printer-mqtt/built/built-bambu-delta-cancel.json';
import builtFailed from '../../test-fixtures/printer-mqtt/built/built-bambu-delta-failed.json';
import builtSdAdvisory from '../../test-fixtures/printer-mqtt/built/built-bambu-delta-sd-advisory.json';
import builtRunout from '../../test-fixtures/printer-mqtt/built/built-bambu-delta-runout-pause.json';
import builtTraySwitch from '../../test-fixtures/printer-mqtt/built/built-bambu-delta-tray-switch.json';
import builtCommandReply from '../../test-fixtures/printer-mqtt/built/built-bambu-command-reply.json';
import { applyBambuReport, bambuInitialState, type BambuState } from './bambu.ts';
import { activeTray, amsSlotLabel, hmsCodeText, hmsError, hmsSeverity } from './bambu-codes.ts';
import { printerStatusSchema, type PrinterStatus } from './status.ts';

const ctx = { code: 'PR-001', now: '2025-06-14T06:00:00.000Z' };
const wire = (o: unknown) => JSON.stringify(o);
/** The AMS delta fixture holds the contents of `print`; on the wire it is `{"print": …}` (SOURCES.md). */
const p1sDeltaAms = { print: p1sDeltaAmsPrint };

/** Applies payloads in order, asserting each is applied, and returns the last state and status. */
function run(...payloads: unknown[]): { state: BambuState; status: PrinterStatus } {
  let state = bambuInitialState();
  let status: PrinterStatus | null = null;
  for (const p of payloads) {
    const r = applyBambuReport(state, wire(p), ctx);
    expect(r.outcome, r.reason).toBe('applied');
    state = r.state;
    status = r.status;
  }
  expect(status).not.toBeNull();
  return { state, status: printerStatusSchema.parse(status) };
}

describe('Bambu full reports (real)', () => {
  it('X1C with 3 AMS + AMS HT: finished job, layers, temperatures, every tray', () => {
    const { status } = run(x1cFull);
    expect(status).toMatchObject({
      source: 'bambu',
      state: 'finished',
      progress: 100,
      remainingMinutes: 0,
      layer: 480,
      totalLayers: 480,
      nozzleTemp: 26,
      nozzleTarget: 0,
      bedTemp: 23,
      bedTarget: 0,
      jobName: 'Garden Hose Healer: Male fitting',
      errors: [],
      lastSeen: ctx.now,
    });
    expect(status.trays.map((t) => t.slot)).toEqual([
      ...['AMS1-1', 'AMS1-2', 'AMS1-3', 'AMS1-4', 'AMS2-1', 'AMS2-2', 'AMS2-3', 'AMS2-4'],
      ...['AMS3-1', 'AMS3-2', 'AMS3-3', 'AMS3-4', 'HT1'],
    ]);
    expect(status.trays[0]).toEqual({
      slot: 'AMS1-1',
      type: 'PLA',
      colorHex: '#000000',
      remainPercent: 93,
      active: false,
    });
    // An empty tray ({id, state: 0}) is a slot with nothing in it.
    expect(status.trays[8]).toEqual({
      slot: 'AMS3-1',
      type: null,
      colorHex: null,
      remainPercent: null,
      active: false,
    });
    expect(status.trays[12]).toMatchObject({ slot: 'HT1', type: 'PA-CF', remainPercent: 100 });
    // tray_now 255 = nothing loaded; vt_tray with no material = no external spool.
    expect(status.trays.some((t) => t.active)).toBe(false);
  });

  it('running job with a live HMS entry: code text, severity, readable message', () => {
    const { status } = run(hmsRunning);
    expect(status).toMatchObject({
      state: 'printing',
      progress: 22,
      remainingMinutes: 163,
      layer: 2,
      totalLayers: 37,
      nozzleTemp: 219,
      nozzleTarget: 220,
      bedTemp: 60,
      chamberTemp: 36,
      jobName: 'CyberBrick Gridfinity Organizer Box',
    });
    expect(status.errors).toEqual([
      {
        code: 'HMS_0C00_0300_0003_0007',
        text: 'Possible first layer defects have been detected. Check the first layer.',
        severity: 'common',
      },
    ]);
    // tray_now "128" (a string) = the AMS HT unit's only tray.
    expect(status.trays.find((t) => t.active)).toEqual({
      slot: 'HT1',
      type: 'PLA',
      colorHex: '#F7D959',
      remainPercent: 65,
      active: true,
    });
    expect(status.trays.find((t) => t.slot === 'EXT')).toMatchObject({
      type: 'PLA',
      remainPercent: null,
      active: false,
    });
  });

  it('P1P without AMS feeding from the external spool', () => {
    const { status } = run(p1pFull);
    expect(status).toMatchObject({
      state: 'finished',
      layer: 124,
      chamberTemp: 5,
      jobName: 'sensor_altanlås_v2_v3',
    });
    expect(status.trays).toEqual([
      { slot: 'EXT', type: 'PETG', colorHex: '#BCBCBC', remainPercent: null, active: true },
    ]);
  });
});

describe('Bambu partial reports merged into the last full one', () => {
  it('applies the real P1S deltas in sequence, the AMS delta deep-merged with its list replaced', () => {
    let r = applyBambuReport(bambuInitialState(), wire(p1pFull), ctx);
    const full = r.status!;
    r = applyBambuReport(r.state, wire(p1sDelta1), ctx);
    expect(r.status).toEqual({ ...full, bedTemp: 11.96875 });
    r = applyBambuReport(r.state, wire(p1sDelta2), ctx);
    expect(r.status).toEqual({ ...full, bedTemp: 12 });

    r = applyBambuReport(r.state, wire(p1sDeltaAms), ctx);
    expect(r.outcome).toBe('applied');
    const status = printerStatusSchema.parse(r.status);
    expect(status.bedTemp).toBe(29.53125);
    // Everything the delta does not mention keeps its value.
    expect(status).toMatchObject({
      state: 'finished',
      layer: 124,
      jobName: 'sensor_altanlås_v2_v3',
      nozzleTemp: 25.90625,
    });
    // ams.ams replaced by the delta's unit; tray_now (254) and vt_tray kept from the full report.
    expect(status.trays.map((t) => [t.slot, t.type, t.colorHex, t.remainPercent, t.active])).toEqual([
      ['AMS1-1', 'PLA', '#9D432C', 13, false],
      ['AMS1-2', 'PLA', '#545454', 72, false],
      ['AMS1-3', 'PLA', '#FFFFFF', 100, false],
      ['AMS1-4', 'ABS', '#FFFFFF', 77, false],
      ['EXT', 'PETG', '#BCBCBC', null, true],
    ]);
    const ams = r.state.print?.ams as Record<string, unknown>;
    expect(ams.version).toBe(1);
    expect(ams.tray_tar).toBe('255');

    // A delta that only moves tray_now switches the active slot and keeps the trays.
    r = applyBambuReport(r.state, wire(builtTraySwitch), ctx);
    expect(r.status?.trays.filter((t) => t.active).map((t) => t.slot)).toEqual(['AMS1-3']);
    expect(r.status?.trays).toHaveLength(5);
  });

  it('a delta before any full report is dropped and asks for pushall', () => {
    const r = applyBambuReport(bambuInitialState(), wire(p1sDelta1), ctx);
    expect(r).toMatchObject({ outcome: 'ignored', status: null, requestFull: true });
    expect(r.state.print).toBeNull();
    const full = applyBambuReport(r.state, wire(p1pFull), ctx);
    expect(full.status?.bedTemp).toBe(23.125);
  });

  it('a full report replaces the state: nothing of the previous one leaks through', () => {
    const { status } = run(hmsRunning, p1pFull);
    expect(status.errors).toEqual([]);
    expect(status.trays.map((t) => t.slot)).toEqual(['EXT']);
    expect(status.chamberTemp).toBe(5);
  });

  it('hms is the complete list: an empty list clears, an absent one keeps', () => {
    expect(run(hmsRunning, p1sDelta1).status.errors).toHaveLength(1);
    expect(run(hmsRunning, builtHmsClear).status.errors).toEqual([]);
  });

  it('merges key by key for any sequence of deltas (the merged state equals a manual fold)', () => {
    const field = fc.constantFrom(
      'bed_temper',
      'nozzle_temper',
      'mc_percent',
      'layer_num',
      'mc_remaining_time',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(field, fc.integer({ min: 0, max: 100 })), { maxLength: 20 }), (edits) => {
        let state = applyBambuReport(bambuInitialState(), wire(hmsRunning), ctx).state;
        const expected: Record<string, unknown> = { ...hmsRunning.print };
        for (const [k, v] of edits) {
          state = applyBambuReport(
            state,
            wire({ print: { [k]: v, command: 'push_status', msg: 1 } }),
            ctx,
          ).state;
          expected[k] = v;
        }
        for (const [k] of edits) expect(state.print?.[k]).toBe(expected[k]);
        expect(state.print?.hms).toEqual(hmsRunning.print.hms);
        expect(state.print?.subtask_name).toBe(hmsRunning.print.subtask_name);
      }),
    );
  });
});

describe('Bambu states and errors', () => {
  it('cancel: print_error 0300400C means failed before FAILED arrives, and FAILED stays', () => {
    const cancelled = run(hmsRunning, builtCancel).status;
    expect(cancelled.state).toBe('failed');
    expect(cancelled.stateDetail).toBe('cancelled');
    expect(cancelled.errors[0]).toEqual({
      code: '0300400C',
      text: 'The task was canceled.',
      severity: 'info',
    });
    expect(run(hmsRunning, builtCancel, builtFailed).status.state).toBe('failed');
  });

  it('a non-zero print_error alone is not a failure (SD-card advisory)', () => {
    const { status } = run(hmsRunning, builtSdAdvisory);
    expect(status.state).toBe('printing');
    expect(status.errors.map((e) => e.code)).toContain('0500C011');
  });

  it('pause with stage 6 reads as filament runout; numbers sent as strings are numbers', () => {
    const { status } = run(hmsRunning, builtRunout);
    expect(status).toMatchObject({
      state: 'paused',
      stateDetail: 'filament runout',
      progress: 45,
      remainingMinutes: 88,
      layer: 17,
    });
  });

  it('a fatal HMS entry puts the printer in error', () => {
    const { status } = run(hmsRunning, builtHmsFatal);
    expect(status.state).toBe('error');
    expect(status.errors).toEqual([
      {
        code: 'HMS_0300_0100_0001_0001',
        text: 'Motion controller: fatal issue (HMS_0300_0100_0001_0001).',
        severity: 'fatal',
      },
    ]);
  });

  it('maps every gcode_state', () => {
    const cases: [string, string][] = [
      ['IDLE', 'idle'],
      ['INIT', 'idle'],
      ['PREPARE', 'preparing'],
      ['SLICING', 'preparing'],
      ['RUNNING', 'printing'],
      ['PAUSE', 'paused'],
      ['FINISH', 'finished'],
      ['FAILED', 'failed'],
      ['SOMETHING_NEW', 'idle'],
    ];
    for (const [raw, state] of cases) {
      const s = run(hmsRunning, { print: { gcode_state: raw, command: 'push_status', msg: 1 } }).status;
      expect(s.state, raw).toBe(state);
    }
  });

  it('command replies and non-print messages are ignored, not rejected', () => {
    const state = applyBambuReport(bambuInitialState(), wire(hmsRunning), ctx).state;
    expect(applyBambuReport(state, wire(builtCommandReply), ctx)).toMatchObject({
      outcome: 'ignored',
      state,
    });
    expect(applyBambuReport(state, '{"info":{"command":"get_version","sequence_id":"0"}}', ctx).outcome).toBe(
      'ignored',
    );
  });

  it('rejects malformed reports and keeps the state', () => {
    const state = applyBambuReport(bambuInitialState(), wire(hmsRunning), ctx).state;
    const bad = [
      'not json',
      '[1,2]',
      '{"print": 5}',
      wire({ print: { command: 'push_status', msg: 1, mc_percent: { a: 1 } } }),
      wire({ print: { command: 'push_status', msg: 1, hms: 'none' } }),
      wire({ print: { command: 'push_status', msg: 1, ams: { ams: {} } } }),
      new Uint8Array([0xff, 0xfe, 0x00, 0x81]),
    ];
    for (const p of bad) {
      const r = applyBambuReport(state, p, ctx);
      expect(r.outcome, String(p)).toBe('rejected');
      expect(r.state).toBe(state);
    }
  });

  it('a __proto__ key in a delta does not pollute anything', () => {
    const state = applyBambuReport(bambuInitialState(), wire(hmsRunning), ctx).state;
    const r = applyBambuReport(
      state,
      '{"print":{"command":"push_status","msg":1,"__proto__":{"polluted":1}}}',
      ctx,
    );
    expect(r.outcome).toBe('applied');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.state.print)).toBe(Object.prototype);
  });
});

describe('HMS codes and tray slots', () => {
  it('formats HMS codes as Bambu prints them and reads severity from code >> 16', () => {
    expect(hmsCodeText(201327360, 196615)).toBe('HMS_0C00_0300_0003_0007');
    expect([1, 2, 3, 4, 9].map((lvl) => hmsSeverity(lvl * 0x10000))).toEqual([
      'fatal',
      'serious',
      'common',
      'info',
      'common',
    ]);
    expect(hmsError({ attr: -1, code: 1 })).toBeNull();
    expect(hmsError({ attr: '201327360', code: '196615' })?.code).toBe('HMS_0C00_0300_0003_0007');
  });

  it('the HMS text encodes attr and code losslessly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (attr, code) => {
          const parts = hmsCodeText(attr, code)
            .split('_')
            .slice(1)
            .map((h) => parseInt(h, 16));
          expect(parts[0]! * 0x10000 + parts[1]!).toBe(attr);
          expect(parts[2]! * 0x10000 + parts[3]!).toBe(code);
        },
      ),
    );
  });

  it('decodes tray_now and labels slots', () => {
    expect(activeTray('255')).toBeNull();
    expect(activeTray(254)).toBe('external');
    expect(activeTray('5')).toEqual({ amsId: 1, trayId: 1 });
    expect(activeTray(129)).toEqual({ amsId: 129, trayId: 0 });
    expect(amsSlotLabel(1, 1)).toBe('AMS2-2');
    expect(amsSlotLabel(129, 0)).toBe('HT2');
  });
});
