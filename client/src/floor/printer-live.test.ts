import { describe, expect, it } from 'vitest';
import { unknownStatus, type PrinterStatus } from '@printfloor/shared';
import { heardAgo, printerLive, remainingText, temperature } from './printer-live.ts';

const NOW = Date.parse('2026-05-01T10:00:00.000Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

function st(over: Partial<PrinterStatus>): PrinterStatus {
  return { ...unknownStatus('PR-1', 'bambu'), lastSeen: ago(2), ...over };
}

describe('printerLive', () => {
  it('a printing printer heard 2 s ago on a connected stream is live, with progress, time left, temps', () => {
    const v = printerLive(
      st({
        state: 'printing',
        progress: 37.4,
        remainingMinutes: 125,
        layer: 12,
        totalLayers: 240,
        nozzleTemp: 219.6,
        nozzleTarget: 220,
        bedTemp: 60,
        bedTarget: 60,
        jobName: 'bracket.3mf',
      }),
      true,
      NOW,
    );
    expect(v).toMatchObject({
      freshness: 'live',
      notLive: null,
      stateLabel: 'Printing',
      progress: 37,
      remaining: '2 h 5 min left',
      layer: 'layer 12/240',
      nozzle: '220° → 220°',
      bed: '60° → 60°',
      jobName: 'bracket.3mf',
      tone: 'ok',
    });
  });

  it('never shows old data as live: silent printer, dropped stream, offline, never heard', () => {
    expect(printerLive(st({ state: 'printing', lastSeen: ago(61) }), true, NOW)).toMatchObject({
      freshness: 'stale',
      notLive: 'Not live — last heard 61 s ago',
      tone: 'warn',
    });
    expect(printerLive(st({ state: 'printing' }), false, NOW).notLive).toBe(
      'Not live — status stream disconnected, last heard 2 s ago',
    );
    expect(
      printerLive(st({ state: 'offline', stateDetail: 'no message for 60 s' }), true, NOW),
    ).toMatchObject({
      freshness: 'offline',
      notLive: 'Offline — no message for 60 s; last known values shown',
      tone: 'bad',
      detail: null,
    });
    expect(printerLive(null, true, NOW)).toMatchObject({
      freshness: 'unknown',
      notLive: 'No status from this printer yet',
    });
    expect(printerLive(null, false, NOW).notLive).toBe('Printer status not connected');
  });

  it('an idle printer shows no progress; errors come through; failed is bad', () => {
    expect(printerLive(st({ state: 'idle', progress: 0 }), true, NOW)).toMatchObject({
      progress: null,
      remaining: null,
      tone: 'idle',
    });
    const err = {
      code: 'HMS_0300_0100_0001_0001',
      text: 'Heatbed heating abnormal',
      severity: 'fatal' as const,
    };
    expect(printerLive(st({ state: 'failed', errors: [err], progress: 80 }), true, NOW)).toMatchObject({
      errors: [err],
      progress: 80,
      tone: 'bad',
    });
  });
});

describe('formatting', () => {
  it('temperatures, time left, last heard', () => {
    expect(temperature(null, null)).toBe('—');
    expect(temperature(24.4, 0)).toBe('24°');
    expect(remainingText(null)).toBeNull();
    expect(remainingText(42)).toBe('42 min left');
    expect(remainingText(60)).toBe('1 h 0 min left');
    expect(heardAgo(null, NOW)).toBe('never heard from');
    expect(heardAgo(ago(600), NOW)).toBe('last heard 10 min ago');
    expect(heardAgo(ago(7200), NOW)).toBe('last heard 2 h ago');
  });
});
