import { describe, expect, it, vi } from 'vitest';
import type { ScanLookups, ScanRecord } from './dispatch.ts';
import { runTargetScan } from './target-scan.ts';

const SPOOL: ScanRecord = { kind: 'spool', id: 's1', code: 'SP-0001', title: 'PLA' };
const lookups: ScanLookups = {
  findRecord: (kind, code) =>
    Promise.resolve(
      kind === 'spool' && code === 'SP-0001' ? SPOOL : kind === 'wo' ? { ...SPOOL, kind } : null,
    ),
  findSpoolBySpoolmanId: () => Promise.resolve(null),
  lastSpoolWithEan: () => Promise.resolve(null),
};

describe('runTargetScan', () => {
  it('hands the accepted record to the flow and shows its confirmation', async () => {
    const use = vi.fn(() => 'Loaded SP-0001 on P1S-01 · AMS1-2');
    expect(await runTargetScan('https://x/q/spool/SP-0001', lookups, ['spool'], use)).toEqual({
      ok: true,
      message: 'Loaded SP-0001 on P1S-01 · AMS1-2',
    });
    expect(use).toHaveBeenCalledWith(SPOOL);
  });

  it('does nothing with another kind, an unknown label, a box barcode or noise', async () => {
    const use = vi.fn(() => 'done');
    for (const [text, msg] of [
      ['WO-7', 'That is a work order label; scan a spool here.'],
      ['SP-0404', 'No spool has label SP-0404 yet. Bind the label first.'],
      ['4006381333931', 'That is a filament box barcode: scan the label on the spool itself.'],
      ['\u0000garbage', expect.stringContaining('Not a label this app knows') as unknown],
    ] as const) {
      expect(await runTargetScan(text, lookups, ['spool'], use)).toEqual({ ok: false, message: msg });
    }
    expect(use).not.toHaveBeenCalled();
  });

  it('reports a failing flow without throwing', async () => {
    const out = await runTargetScan('SP-0001', lookups, ['spool'], () =>
      Promise.reject(new Error('spool is empty')),
    );
    expect(out).toEqual({ ok: false, message: 'Not done: spool is empty' });
  });
});
