import { describe, expect, it } from 'vitest';
// Real payloads from the OctoPrint-MQTT README (SOURCES.md).
import evClientOpened from '../../test-fixtures/printer-mqtt/octoprint-event-clientopened.json';
import evConnected from '../../test-fixtures/printer-mqtt/octoprint-event-connected.json';
import evPrintStartedOld from '../../test-fixtures/printer-mqtt/octoprint-event-printstarted.json';
import progress from '../../test-fixtures/printer-mqtt/octoprint-progress.json';
import progressPrinterData from '../../test-fixtures/printer-mqtt/octoprint-progress-printerdata.json';
import progressSlicing from '../../test-fixtures/printer-mqtt/octoprint-progress-slicing.json';
import tempBed from '../../test-fixtures/printer-mqtt/octoprint-temperature-bed.json';
import tempTool0 from '../../test-fixtures/printer-mqtt/octoprint-temperature-tool0.json';
// Built payloads (built/README.md).
import evStatePrinting from '../../test-fixtures/printer-mqtt/built/built-octoprint-event-printerstatechanged-printing.json';
import evStateOperational from '../../test-fixtures/printer-mqtt/built/built-octoprint-event-printerstatechanged-operational.json';
import evDone from '../../test-fixtures/printer-mqtt/built/built-octoprint-event-printdone.json';
import evFailed from '../../test-fixtures/printer-mqtt/built/built-octoprint-event-printfailed.json';
import evCancelled from '../../test-fixtures/printer-mqtt/built/built-octoprint-event-printcancelled.json';
import evPaused from '../../test-fixtures/printer-mqtt/built/built-octoprint-event-printpaused.json';
import evStartedCurrent from '../../test-fixtures/printer-mqtt/built/built-octoprint-event-printstarted-current.json';
import {
  applyOctoPrintMessage,
  looseState,
  octoPrintInitialState,
  type OctoPrintState,
} from './octoprint.ts';
import { printerStatusSchema, type PrinterStatus } from './status.ts';

const ctx = { code: 'PR-OP1', now: '2025-06-14T06:00:00.000Z' };
type Msg = [subtopic: string, payload: unknown];

function run(...msgs: Msg[]): { state: OctoPrintState; status: PrinterStatus } {
  let state = octoPrintInitialState();
  let status: PrinterStatus | null = null;
  for (const [topic, payload] of msgs) {
    const r = applyOctoPrintMessage(
      state,
      topic,
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      ctx,
    );
    expect(r.outcome, `${topic}: ${r.reason ?? ''}`).not.toBe('rejected');
    state = r.state;
    status = r.status ?? status;
  }
  return { state, status: printerStatusSchema.parse(status) };
}

const started: Msg = ['event/PrintStarted', evPrintStartedOld];
const printing: Msg = ['event/PrinterStateChanged', evStatePrinting];
const operational: Msg = ['event/PrinterStateChanged', evStateOperational];

describe('OctoPrint MQTT (real payloads)', () => {
  it('temperatures: tool0 is the nozzle, bed is the bed', () => {
    const { status } = run(['temperature/tool0', tempTool0], ['temperature/bed', tempBed]);
    expect(status).toMatchObject({
      source: 'octoprint',
      nozzleTemp: 65.3,
      nozzleTarget: 210,
      bedTemp: 42.1,
      bedTarget: 65,
    });
  });

  it('old-style PrintStarted (file/filename) then progress', () => {
    const { status } = run(['event/Connected', evConnected], started, printing, [
      'progress/printing',
      progress,
    ]);
    expect(status).toMatchObject({ state: 'printing', progress: 23, jobName: 'test.gco' });
  });

  it('progress with printer_data: state from flags, time left in minutes, job from path', () => {
    const { status } = run(['progress/printing', progressPrinterData]);
    expect(status).toMatchObject({
      state: 'printing',
      stateDetail: 'Printing',
      progress: 0,
      remainingMinutes: 5, // printTimeLeft 273 s
      jobName: 'Stringing_Test.gco',
    });
  });

  it('slicing progress and ClientOpened say nothing about the printer', () => {
    const s = octoPrintInitialState();
    expect(applyOctoPrintMessage(s, 'progress/slicing', JSON.stringify(progressSlicing), ctx).outcome).toBe(
      'ignored',
    );
    expect(applyOctoPrintMessage(s, 'event/ClientOpened', JSON.stringify(evClientOpened), ctx).outcome).toBe(
      'ignored',
    );
  });
});

describe('OctoPrint finished / failed are latched', () => {
  it('PrintDone then OPERATIONAL shows finished until the next job starts', () => {
    const done = run(started, printing, ['event/PrintDone', evDone], operational).status;
    expect(done).toMatchObject({ state: 'finished', progress: 100, jobName: 'case_bp_3.6.v1.0.gco' });
    const next = run(started, printing, ['event/PrintDone', evDone], operational, [
      'event/PrintStarted',
      evStartedCurrent,
    ]);
    expect(next.status).toMatchObject({ state: 'printing', jobName: 'bracket_v2.gcode', progress: 0 });
  });

  it('PrintFailed and PrintCancelled latch failed', () => {
    expect(run(started, ['event/PrintFailed', evFailed], operational).status).toMatchObject({
      state: 'failed',
      stateDetail: 'failed',
    });
    expect(run(started, ['event/PrintCancelled', evCancelled], operational).status).toMatchObject({
      state: 'failed',
      stateDetail: 'cancelled',
    });
  });

  it('pause and resume', () => {
    expect(run(started, ['event/PrintPaused', evPaused]).status.state).toBe('paused');
    expect(
      run(started, ['event/PrintPaused', evPaused], ['event/PrintResumed', { _event: 'PrintResumed' }]).status
        .state,
    ).toBe('printing');
  });

  it('last will: disconnected is offline over the latch, connected restores it', () => {
    const base: Msg[] = [started, ['event/PrintDone', evDone], operational];
    expect(run(...base, ['mqtt', 'disconnected']).status.state).toBe('offline');
    expect(run(...base, ['mqtt', 'disconnected'], ['mqtt', 'connected']).status.state).toBe('finished');
    const r = applyOctoPrintMessage(octoPrintInitialState(), 'mqtt', '{"x":1}', ctx);
    expect(r.outcome).toBe('rejected');
  });

  it('an error state shows the error text', () => {
    const { status } = run(started, ['event/Error', { _event: 'Error', error: 'Thermal runaway' }]);
    expect(status.state).toBe('error');
    expect(status.errors).toEqual([{ code: 'OCTOPRINT', text: 'Thermal runaway', severity: 'serious' }]);
  });
});

describe('OctoPrint state ids', () => {
  it('match exactly and loosely', () => {
    expect(looseState('OPERATIONAL')).toBe('idle');
    expect(looseState('CLOSED_WITH_ERROR')).toBe('error');
    expect(looseState('Paused')).toBe('paused');
    expect(looseState('PRINTING_FROM_SD')).toBe('printing');
    expect(looseState('connecting')).toBeNull();
  });

  it('rejects mistyped payloads and keeps the state', () => {
    const { state } = run(started);
    for (const [topic, payload] of [
      ['event/PrinterStateChanged', '{"state_id": 7}'],
      ['progress/printing', '{"progress": "lots"}'],
      ['temperature/tool0', '{"actual": []}'],
      ['temperature/bed', 'garbage'],
    ] as const) {
      const r = applyOctoPrintMessage(state, topic, payload, ctx);
      expect(r.outcome, topic).toBe('rejected');
      expect(r.state).toBe(state);
    }
  });
});
