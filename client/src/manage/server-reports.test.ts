import { describe, expect, it } from 'vitest';
import type { StockGroup } from './aggregates/inventory.ts';
import { inventoryUrl, mergeStockGroups, qualityReportSchema, qualityUrl } from './server-reports.ts';

const group = (key: string, p: Partial<StockGroup> = {}): StockGroup => ({
  key,
  material: key.split('|')[0]!,
  colorHex: key.split('|')[1]!,
  colorName: '',
  spools: 2,
  remainingG: 1500,
  usedInWindowG: 300,
  avgDailyUseG: 10,
  reorderPointG: 100,
  daysOfStock: 150,
  low: false,
  ...p,
});

describe('server reports on the manager pages', () => {
  it('asks for the chosen range up to now, in the browser time zone', () => {
    const now = Date.parse('2026-03-29T12:00:00Z');
    const q = new URL(qualityUrl(30, 'Europe/Berlin', now), 'http://x').searchParams;
    expect(q.get('from')).toBe('2026-02-27T12:00:00.000Z');
    expect(q.get('to')).toBe('2026-03-29T12:00:00.000Z');
    expect(q.get('tz')).toBe('Europe/Berlin');
  });

  it('asks for usage from local midnight days − 1 ago, with the reorder settings', () => {
    const now = Date.parse('2026-03-29T12:00:00Z');
    const q = new URL(
      inventoryUrl(28, 'UTC', { leadTimeDays: 5, safetyDays: 2, windowDays: 14 }, now),
      'http://x',
    ).searchParams;
    const from = new Date(q.get('from')!);
    expect([from.getHours(), from.getMinutes()]).toEqual([0, 0]);
    expect(Math.round((now - from.getTime()) / 86_400_000)).toBe(28); // 27 days + today's 12 h, rounded
    expect([q.get('leadTimeDays'), q.get('safetyDays'), q.get('windowDays')]).toEqual(['5', '2', '14']);
  });

  it('takes the heavy stock columns from the server, the live grams from the device', () => {
    const local = [group('PLA|#000000', { remainingG: 900, spools: 1 }), group('PETG|#FFFFFF')];
    const server = [
      {
        key: 'PLA|#000000',
        usedInWindowG: 600,
        avgDailyUseG: 20,
        reorderPointG: 200,
        daysOfStock: 40,
        low: false,
      },
      { key: 'ABS|#FF0000', usedInWindowG: 1, avgDailyUseG: 1, reorderPointG: 1, daysOfStock: 1, low: true },
    ];
    const merged = mergeStockGroups(local, server);
    expect(merged.map((g) => g.key)).toEqual(['PLA|#000000', 'PETG|#FFFFFF']);
    expect(merged[0]).toMatchObject({
      remainingG: 900,
      spools: 1,
      avgDailyUseG: 20,
      reorderPointG: 200,
      daysOfStock: 40,
    });
    // Not on the server yet (received on this device a moment ago): the local figures.
    expect(merged[1]).toEqual(local[1]);
    expect(mergeStockGroups(local, null)).toEqual(local);
  });

  it('refuses an answer that is not a quality report', () => {
    expect(() => qualityReportSchema.parse({ error: { code: 'x' } })).toThrow();
  });
});
