import { describe, expect, it } from 'vitest';
import { dayBuckets, isTimeZone, localDay } from './day-buckets.ts';

const H = 3_600_000;

describe('day buckets', () => {
  it('cuts UTC days at midnight and clips the first and last to the range', () => {
    const b = dayBuckets(new Date('2026-03-02T06:00:00Z'), new Date('2026-03-04T12:00:00Z'), 'UTC');
    expect(b.map((d) => [d.day, d.from.toISOString(), d.to.toISOString()])).toEqual([
      ['2026-03-02', '2026-03-02T06:00:00.000Z', '2026-03-03T00:00:00.000Z'],
      ['2026-03-03', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'],
      ['2026-03-04', '2026-03-04T00:00:00.000Z', '2026-03-04T12:00:00.000Z'],
    ]);
  });

  it('follows the shop’s wall clock across a DST change (a 23-hour and a 25-hour day)', () => {
    const spring = dayBuckets(
      new Date('2026-03-28T23:00:00Z'),
      new Date('2026-03-30T22:00:00Z'),
      'Europe/Berlin',
    );
    expect(spring.map((d) => [d.day, (d.to.getTime() - d.from.getTime()) / H])).toEqual([
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
    const autumn = dayBuckets(
      new Date('2026-10-24T22:00:00Z'),
      new Date('2026-10-25T23:00:00Z'),
      'Europe/Berlin',
    );
    expect(autumn.map((d) => [d.day, (d.to.getTime() - d.from.getTime()) / H])).toEqual([['2026-10-25', 25]]);
    expect(localDay(Date.parse('2026-10-25T22:59:00Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(localDay(Date.parse('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
  });

  it('knows a time zone from a typo', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
