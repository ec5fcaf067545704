import { describe, expect, it } from 'vitest';
import { appendPage, eventCounts, eventProblem, eventTone, latestEventByOperation, printerEventsPath, type PrinterEventRow } from './printer-events.ts';

const ev = (id: number, kind: string, over: Partial<PrinterEventRow> = {}): PrinterEventRow => ({
  id, at: `2026-11-21T08:${String(60 - id).padStart(2, '0')}:00.000000Z`, kind, from: 'idle', to: 'printing', jobName: null,
  operationId: null, stateDetail: null, progress: null, errors: [], ...over,
});

describe('printer events helpers', () => {
  it('asks for the range back from now, the page size and the cursor', () => {
    const now = Date.parse('2026-11-21T12:00:00.000Z');
    const path = printerEventsPath('p/1', 24, now, 'abc');
    expect(path.startsWith('/api/manage/printers/p%2F1/events?')).toBe(true);
    const q = new URLSearchParams(path.split('?')[1]);
    expect(q.get('from')).toBe('2026-11-20T12:00:00.000Z');
    expect(q.get('to')).toBe('2026-11-21T12:00:00.000Z');
    expect(q.get('limit')).toBe('50');
    expect(q.get('cursor')).toBe('abc');
    expect(new URLSearchParams(printerEventsPath('p', 24, now, null).split('?')[1]).has('cursor')).toBe(false);
  });

  it('says what went wrong: error texts first, else the state detail of a failure', () => {
    expect(eventProblem(ev(1, 'failed', { errors: [{ code: 'HMS_1', text: 'Runout', severity: 'serious' }], stateDetail: 'x' }))).toBe('Runout (HMS_1)');
    expect(eventProblem(ev(1, 'failed', { stateDetail: 'filament runout' }))).toBe('filament runout');
    expect(eventProblem(ev(1, 'started', { stateDetail: 'Printing from SD' }))).toBe('');
    expect(eventTone('failed')).toBe('b-bad');
    expect(eventTone('finished')).toBe('b-ok');
    expect(eventTone('something new')).toBe('b-mute');
  });

  it('counts outcomes, links the newest event to each step and never doubles a row across pages', () => {
    const page1 = [ev(1, 'failed', { operationId: 'op1' }), ev(2, 'started', { operationId: 'op1' }), ev(3, 'finished', { operationId: 'op0' })];
    expect(eventCounts(page1)).toEqual({ started: 1, finished: 1, failed: 1 });
    expect(latestEventByOperation(page1).get('op1')?.kind).toBe('failed');
    const both = appendPage(page1, [ev(3, 'finished'), ev(4, 'error')]);
    expect(both.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });
});
