import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '@printfloor/shared';
import { Ledger } from './operators.ts';
import type { Doc } from './raw-tablet.ts';
import { latencySlices } from './soak-report.ts';
import { docDigest } from './raw-tablet.ts';
import { diff, digestDiff, exactlyOnce, percentile, stalePrinters, type ServerState } from './verdict.ts';

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

describe('latencySlices', () => {
  it('splits latency and harness delay into tenths of the shift, the last slice taking the tail', () => {
    const t0 = 1_000_000;
    const latencies = [
      { at: t0 + 500, ms: 100 },
      { at: t0 + 900, ms: 300 },
      { at: t0 + 9_500, ms: 9_000 },
      { at: t0 + 10_500, ms: 50 }, // after the shift ended: still the last slice
    ];
    const lag = [
      { at: t0 + 1_000, ms: 12 },
      { at: t0 + 9_900, ms: 480 },
    ];
    const s = latencySlices({ latencies, lag }, t0, t0 + 10_000);
    expect(s).toHaveLength(10);
    expect(s[0]).toEqual({ fromS: 0, samples: 2, p50Ms: 300, p95Ms: 300, harnessLagMaxMs: 0 });
    expect(s[1]).toMatchObject({ fromS: 1, samples: 0, harnessLagMaxMs: 12 });
    expect(s[9]).toEqual({ fromS: 9, samples: 2, p50Ms: 9_000, p95Ms: 9_000, harnessLagMaxMs: 480 });
  });
});

describe('raw tablet digests', () => {
  it('ignore key order and server stamps, and see any client-owned difference', () => {
    const a = rec('a', { grams: 5, note: { x: 1, y: [1, 2] } });
    const reordered = {
      note: { y: [1, 2], x: 1 },
      serverUpdatedAt: '2026-11-21T10:00:00Z',
      grams: 5,
      type: 'consume',
      id: 'a',
    };
    expect(docDigest(reordered)).toBe(docDigest(a));
    expect(docDigest(rec('a', { grams: 6, note: { x: 1, y: [1, 2] } }))).not.toBe(docDigest(a));
    expect(docDigest(rec('a', { grams: 5, note: { x: 1, y: [2, 1] } }))).not.toBe(docDigest(a));
  });

  it('digestDiff names missing, extra and altered documents', () => {
    const tablet = new Map([
      ['a', docDigest(rec('a'))],
      ['b', docDigest(rec('b', { grams: 9 }))],
      ['x', docDigest(rec('x'))],
    ]);
    expect(digestDiff(tablet, [rec('a'), rec('b'), rec('c')]).sort()).toEqual(['b', 'c', 'x']);
    expect(digestDiff(tablet, [rec('a'), rec('b', { grams: 9 }), rec('x')])).toEqual([]);
  });
});
