import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RepeatFilter, scanKey } from './repeat-filter.ts';

describe('RepeatFilter', () => {
  it('counts a label held in view for several seconds once', () => {
    const f = new RepeatFilter(2000);
    const accepted = Array.from({ length: 50 }, (_, i) => f.accept('spool:SP-1', i * 100)).filter(Boolean);
    expect(accepted).toHaveLength(1);
  });

  it('counts the same label again after it was away for the window', () => {
    const f = new RepeatFilter(2000);
    expect(f.accept('a', 0)).toBe(true);
    expect(f.accept('a', 1999)).toBe(false);
    expect(f.accept('a', 3998)).toBe(false); // 1999 ms after the last sighting
    expect(f.accept('a', 6000)).toBe(true);
  });

  it('counts different labels in quick succession (a row of spools)', () => {
    const f = new RepeatFilter(2000);
    expect(['a', 'b', 'c', 'a'].map((k, i) => f.accept(k, i * 300))).toEqual([true, true, true, false]);
  });

  it('after clear, counts a label again at once', () => {
    const f = new RepeatFilter(2000);
    f.accept('a', 0);
    f.clear();
    expect(f.accept('a', 10)).toBe(true);
  });

  it('matches a reference model on any sighting sequence, also past the pruning threshold', () => {
    const sighting = fc.record({
      key: fc.integer({ min: 0, max: 100 }).map(String),
      dt: fc.integer({ min: 0, max: 1500 }),
    });
    fc.assert(
      fc.property(fc.array(sighting, { maxLength: 300 }), (seq) => {
        const f = new RepeatFilter(2000);
        const model = new Map<string, number>();
        let t = 0;
        for (const s of seq) {
          t += s.dt;
          const last = model.get(s.key);
          model.set(s.key, t);
          expect(f.accept(s.key, t)).toBe(last === undefined || t - last >= 2000);
        }
      }),
    );
  });
});

describe('scanKey', () => {
  it('treats a URL label, a bare code and caps variants of one spool as one scan', () => {
    const k = scanKey('https://farm.example/q/spool/SP-0001');
    expect(scanKey('SP-0001')).toBe(k);
    expect(scanKey('sp-0001\n')).toBe(k);
    expect(scanKey('HTTP://OTHER/Q/SPOOL/SP-0001')).toBe(k);
    expect(scanKey('SP-0002')).not.toBe(k);
    expect(scanKey('WO-0001')).not.toBe(scanKey('SP-0001'));
  });

  it('keys Spoolman, EAN and garbage apart', () => {
    expect(scanKey('web+spoolman:s-007')).toBe('spoolman:7');
    expect(scanKey('036000291452')).toBe(scanKey('0036000291452'));
    expect(scanKey(' hello ')).toBe('raw:hello');
  });
});
