import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPrinterStreamEvent } from './stream.ts';
import { unknownStatus } from './status.ts';

const a = { ...unknownStatus('PR-A', 'bambu'), state: 'printing' as const, progress: 10 };
const b = unknownStatus('PR-B', 'moonraker');

describe('applyPrinterStreamEvent', () => {
  it('a snapshot replaces everything, a status replaces one printer', () => {
    let m = applyPrinterStreamEvent(new Map([['PR-OLD', b]]), 'snapshot', JSON.stringify([a, b]));
    expect([...m.keys()]).toEqual(['PR-A', 'PR-B']);
    m = applyPrinterStreamEvent(m, 'status', JSON.stringify({ ...a, progress: 11 }));
    expect(m.get('PR-A')?.progress).toBe(11);
    expect(m.get('PR-B')).toEqual(b);
  });

  it('anything malformed leaves the map as it was', () => {
    const start = new Map([['PR-A', a]]);
    fc.assert(
      fc.property(
        fc.constantFrom('snapshot', 'status', 'other'),
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (event, data) => {
          const next = applyPrinterStreamEvent(start, event, data);
          if (next !== start) expect(event).not.toBe('other');
        },
      ),
    );
    expect(applyPrinterStreamEvent(start, 'status', '{"code":"PR-A"}')).toBe(start);
    expect(applyPrinterStreamEvent(start, 'snapshot', '[{"code":1}]')).toBe(start);
  });
});
