import { describe, expect, it } from 'vitest';
import { unknownStatus, type Printer, type PrinterStatus, type Spool } from '@printfloor/shared';
import { buildTiles, freshness, groupTiles } from './farm-board.ts';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const st = (code: string, state: PrinterStatus['state'], seenS: number | null): PrinterStatus => ({
  ...unknownStatus(code, 'bambu'),
  state,
  lastSeen: seenS === null ? null : ago(seenS),
});
const printer = (id: string, code: string, location: string, active = true): Printer => ({
  id,
  code,
  name: code,
  brand: '',
  protocol: 'bambu',
  model: '',
  serial: '',
  location,
  workCenterId: 'wc1',
  slots: 4,
  active,
  notes: '',
  updatedAt: ago(0),
  updatedBy: '',
  serverUpdatedAt: null,
});
const spool = (code: string, printerId: string, slot: string, status: Spool['status'] = 'active') =>
  ({
    id: code,
    code,
    material: 'PLA',
    colorHex: '#FF0000',
    loadedPrinterId: printerId,
    loadedSlot: slot,
    status,
  }) as Spool;

describe('freshness', () => {
  it('never calls old or disconnected data live', () => {
    expect(freshness(st('A', 'printing', 5), true, NOW)).toBe('live');
    expect(freshness(st('A', 'printing', 61), true, NOW)).toBe('stale');
    expect(freshness(st('A', 'printing', 5), false, NOW)).toBe('stale');
    expect(freshness(st('A', 'offline', 5), true, NOW)).toBe('offline');
    expect(freshness(st('A', 'idle', null), true, NOW)).toBe('unknown');
    expect(freshness(null, true, NOW)).toBe('unknown');
  });
});

describe('buildTiles', () => {
  it('joins status, loaded spools and floor steps, groups by location, hides inactive printers', () => {
    const tiles = buildTiles({
      printers: [
        printer('p2', 'PR-2', 'Rack B'),
        printer('p1', 'PR-1', 'Rack A'),
        printer('p3', 'PR-3', 'Rack A', false),
      ],
      statuses: new Map([['PR-1', st('PR-1', 'printing', 3)]]),
      connected: true,
      spools: [
        spool('SP-2', 'p1', 'AMS1-2'),
        spool('SP-1', 'p1', 'AMS1-1'),
        spool('SP-9', 'p1', 'AMS1-3', 'empty'),
      ],
      workCenters: new Map(),
      floorSteps: [{ printerId: 'p2', workOrderCode: 'WO-1', operationName: 'Print', status: 'running' }],
      groupBy: 'location',
      now: NOW,
    });
    expect(tiles.map((t) => [t.printer.code, t.group, t.state, t.freshness])).toEqual([
      ['PR-1', 'Rack A', 'printing', 'live'],
      ['PR-2', 'Rack B', 'offline', 'unknown'],
    ]);
    expect(tiles[0]!.loaded.map((l) => l.code)).toEqual(['SP-1', 'SP-2']);
    expect(tiles[0]!.silentForS).toBe(3);
    expect(tiles[1]!.floorStep?.workOrderCode).toBe('WO-1');
    expect(groupTiles(tiles).map(([g, t]) => [g, t.length])).toEqual([
      ['Rack A', 1],
      ['Rack B', 1],
    ]);
  });
});
