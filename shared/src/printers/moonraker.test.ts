import { describe, expect, it } from 'vitest';
// Real payloads from Moonraker's source and docs (SOURCES.md).
import queryResult from '../../test-fixtures/printer-mqtt/moonraker-objects-query-result.docs-example.json';
import printStatsObject from '../../test-fixtures/printer-mqtt/moonraker-print_stats-object.docs-example.json';
import serverOnline from '../../test-fixtures/printer-mqtt/moonraker-server-online.json';
import serverOffline from '../../test-fixtures/printer-mqtt/moonraker-server-offline.json';
// Built payloads (built/README.md).
import full from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-full-printing.json';
import deltaTemp from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-delta-temp.json';
import deltaPaused from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-delta-paused.json';
import deltaComplete from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-delta-complete.json';
import deltaCancelled from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-delta-cancelled.json';
import deltaError from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-delta-error.json';
import deltaShutdown from '../../test-fixtures/printer-mqtt/built/built-moonraker-status-delta-shutdown.json';
import apiResponse from '../../test-fixtures/printer-mqtt/built/built-moonraker-api-response.json';
import { applyMoonrakerMessage, moonrakerInitialState, type MoonrakerState } from './moonraker.ts';
import { printerStatusSchema, type PrinterStatus } from './status.ts';

const ctx = { code: 'PR-MR1', now: '2025-06-14T06:00:00.000Z' };
type Msg = [subtopic: string, payload: unknown];
const ks = (p: unknown): Msg => ['klipper/status', p];

function run(...msgs: Msg[]): { state: MoonrakerState; status: PrinterStatus } {
  let state = moonrakerInitialState();
  let last: PrinterStatus | null = null;
  for (const [topic, payload] of msgs) {
    const r = applyMoonrakerMessage(state, topic, JSON.stringify(payload), ctx);
    expect(r.outcome, `${topic}: ${r.reason ?? ''}`).toBe('applied');
    state = r.state;
    last = r.status;
  }
  return { state, status: printerStatusSchema.parse(last) };
}

describe('Moonraker MQTT', () => {
  it('the docs query result is a status envelope: applied, nothing printing', () => {
    const { status, state } = run(ks(queryResult));
    expect(status).toMatchObject({ source: 'moonraker', state: 'idle', progress: null, nozzleTemp: null });
    expect(state.objects.toolhead).toEqual(queryResult.status.toolhead);
  });

  it('the docs print_stats object (standby) in a status message', () => {
    const { status } = run(ks({ eventtime: 1, status: { print_stats: printStatsObject } }));
    expect(status).toMatchObject({ state: 'idle', layer: null, totalLayers: null, jobName: null });
  });

  it('server online/offline: offline is the last will', () => {
    expect(run(['moonraker/status', serverOnline], ks(full)).status.state).toBe('printing');
    expect(run(ks(full), ['moonraker/status', serverOffline]).status).toMatchObject({ state: 'offline' });
  });

  it('a print: full status, then deltas deep-merged per object and field', () => {
    const first = run(ks(full)).status;
    expect(first).toMatchObject({
      state: 'printing',
      progress: 25,
      remainingMinutes: 60, // 1200 s for 25 % → 3600 s left
      layer: 31,
      totalLayers: 120,
      nozzleTemp: 214.87,
      nozzleTarget: 215,
      bedTemp: 60.02,
      chamberTemp: 31.4,
      jobName: 'bracket_v2.gcode',
      filamentUsedMm: 1523.4,
    });
    const next = run(ks(full), ks(deltaTemp)).status;
    expect(next).toEqual({ ...first, nozzleTemp: 215.3, filamentUsedMm: 1524.9, remainingMinutes: 60 });
    expect(run(ks(full), ks(deltaPaused)).status).toMatchObject({ state: 'paused', progress: 31, layer: 31 });
    expect(run(ks(full), ks(deltaComplete)).status).toMatchObject({
      state: 'finished',
      progress: 100,
      layer: 120,
      nozzleTarget: 0,
      bedTemp: 60.02,
    });
  });

  it('cancelled is failed; error and Klipper shutdown show their messages', () => {
    expect(run(ks(full), ks(deltaCancelled)).status).toMatchObject({
      state: 'failed',
      stateDetail: 'cancelled',
    });
    const err = run(ks(full), ks(deltaError)).status;
    expect(err.state).toBe('error');
    expect(err.errors[0]).toMatchObject({
      text: 'Move out of range: 0.000 245.000 0.300 [1022.320]',
      severity: 'serious',
    });
    const down = run(ks(full), ks(deltaShutdown)).status;
    expect(down.errors[0]).toEqual({
      code: 'KLIPPER_SHUTDOWN',
      text: 'MCU mcu shutdown: Timer too close',
      severity: 'fatal',
    });
  });

  it('split status topics and query answers merge the same way', () => {
    const { status: s } = run(ks(full), [
      'klipper/state/extruder/temperature',
      { eventtime: 2, value: 190.5 },
    ]);
    expect(s.nozzleTemp).toBe(190.5);
    expect(run(['moonraker/api/response', apiResponse]).status).toMatchObject({
      state: 'idle',
      nozzleTemp: 24.1,
      bedTemp: 23.6,
    });
  });

  it('rejects malformed messages and keeps the state', () => {
    const { state } = run(ks(full));
    for (const [topic, payload] of [
      ['klipper/status', '{"eventtime": 1}'],
      ['klipper/status', '{"status": {"print_stats": {"state": 3}}}'],
      ['klipper/status', '{"status": {"extruder": 7}}'],
      ['moonraker/status', '{"server": "maybe"}'],
      ['klipper/state/extruder/temperature', '{"eventtime": 2}'],
      ['klipper/status', '\u0000\u0001'],
    ] as const) {
      const r = applyMoonrakerMessage(state, topic, payload, ctx);
      expect(r.outcome, payload).toBe('rejected');
      expect(r.state).toBe(state);
    }
  });
});
