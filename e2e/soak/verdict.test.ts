import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '@printfloor/shared';
import { Ledger } from './operators.ts';
import type { Doc } from './raw-tablet.ts';
import { diff, exactlyOnce, percentile, stalePrinters, type ServerState } from './verdict.ts';

// The soak's verdict must be able to fail: each check is fed the fault it exists to catch.
const rec = (id: string, extra: Record<string, unknown> = {}): Doc => ({
  id,
  type: 'consume',
  grams: 1,
  serverUpdatedAt: null,
  ...extra,
});

function ledgerOf(...docs: Doc[]): Ledger {
  const l = new Ledger();
  for (const d of docs) l.records.set(d.id, { collection: 'spool_movements', doc: d, tablet: 't' });
  return l;
}

describe('exactlyOnce', () => {
  it('passes when every generated record is on the server once, server stamps aside', () => {
    const server: ServerState = new Map([
      ['spool_movements', [rec('a', { serverUpdatedAt: 'x', _deleted: false }), rec('b')]],
    ]);
    expect(exactlyOnce(ledgerOf(rec('a'), rec('b')), server, new Set())).toEqual({
      written: 2,
      lost: 0,
      duplicates: 0,
      altered: 0,
      unknown: 0,
    });
  });

  it('counts a lost, a duplicated, an altered and an unknown record', () => {
    const server: ServerState = new Map([
      ['spool_movements', [rec('a'), rec('a'), rec('b', { grams: 2 }), rec('z')]],
    ]);
    expect(exactlyOnce(ledgerOf(rec('a'), rec('b'), rec('c')), server, new Set())).toEqual({
      written: 3,
      lost: 1,
      duplicates: 1,
      altered: 1,
      unknown: 1,
    });
  });
});

describe('diff', () => {
  it('names documents missing, extra or different on a tablet', () => {
    const tablet = new Map<string, Record<string, unknown>>([
      ['a', { id: 'a', v: 1 }],
      ['b', { id: 'b', v: 1 }],
      ['x', { id: 'x' }],
    ]);
    expect(diff(tablet, [{ id: 'a', v: 1, _deleted: false }, { id: 'b', v: 2 }, { id: 'c' }]).sort()).toEqual(
      ['b', 'c', 'x'],
    );
  });
});

describe('stalePrinters', () => {
  const at = Date.parse('2026-11-21T10:00:00Z');
  const status = (code: string, state: PrinterStatus['state'], ageS: number) =>
    ({ code, state, lastSeen: new Date(at - ageS * 1000).toISOString() }) as PrinterStatus;

  it('accepts fresh live printers and old offline ones', () => {
    expect(
      stalePrinters([status('A', 'printing', 10), status('B', 'offline', 500)], new Map(), 60_000, at),
    ).toEqual([]);
  });

  it('flags a printer shown live beyond the offline timeout, and a silenced one not offline', () => {
    const out = stalePrinters(
      [status('A', 'printing', 90), status('B', 'idle', 1)],
      new Map([['B', at - 120_000]]),
      60_000,
      at,
    );
    expect(out).toHaveLength(2);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(96);
    expect(percentile([], 95)).toBeNaN();
  });
});
