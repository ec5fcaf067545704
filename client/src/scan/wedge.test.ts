import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WedgeDetector, type WedgeKey, type WedgeStep } from './wedge.ts';

/** Feeds `text` as key presses `gap` ms apart starting at `t0`, then `end` (Enter by default) after `endGap`. */
function type(
  d: WedgeDetector,
  text: string,
  gap: number,
  t0 = 1000,
  end: string | null = 'Enter',
  endGap = gap,
) {
  const steps: WedgeStep[] = [];
  let t = t0;
  for (const ch of text) {
    steps.push(d.key({ key: ch, time: t }));
    t += gap;
  }
  if (end !== null) steps.push(d.key({ key: end, time: t - gap + endGap }));
  return steps;
}

describe('WedgeDetector', () => {
  it('recognises a scanner burst ending in Enter and reports which characters reached the field', () => {
    const d = new WedgeDetector();
    const steps = type(d, 'SP-0001', 5);
    expect(steps.slice(0, 3).map((s) => s.action)).toEqual(['pass', 'pass', 'pass']);
    expect(steps.slice(3, 7).map((s) => s.action)).toEqual(['swallow', 'swallow', 'swallow', 'swallow']);
    expect(steps[7]).toEqual({ action: 'scan', code: 'SP-0001', passedThrough: 3, release: '' });
  });

  it('leaves a person typing at normal speed alone, Enter included', () => {
    const d = new WedgeDetector();
    for (const gap of [60, 120, 400]) {
      const steps = type(d, 'SP-0001', gap, gap * 100);
      expect(steps.every((s) => s.action === 'pass' && s.release === '')).toBe(true);
      expect(steps[0]).toMatchObject({ fresh: true });
    }
  });

  it('does not treat a fast but short burst as a scan', () => {
    const d = new WedgeDetector();
    const steps = type(d, 'ok', 10);
    expect(steps.at(-1)).toEqual({ action: 'pass', fresh: false, release: '' });
  });

  it('accepts the shortest code at minLength', () => {
    const d = new WedgeDetector({ minLength: 4 });
    expect(type(d, 'abcd', 5).at(-1)).toMatchObject({ action: 'scan', code: 'abcd', passedThrough: 3 });
    expect(type(new WedgeDetector({ minLength: 5 }), 'abcd', 5).at(-1)?.action).toBe('pass');
  });

  it('ignores Shift presses between characters (scanners send them for capitals)', () => {
    const d = new WedgeDetector();
    const keys: WedgeKey[] = [
      { key: 'Shift', time: 0 },
      { key: 'S', time: 2 },
      { key: 'Shift', time: 3 },
      { key: 'P', time: 6 },
      { key: '-', time: 10 },
      { key: '1', time: 14 },
      { key: 'Enter', time: 18 },
    ];
    const steps = keys.map((k) => d.key(k));
    expect(steps.at(-1)).toMatchObject({ action: 'scan', code: 'SP-1' });
  });

  it('breaks the burst on a gap longer than breakGapMs and releases what it held back', () => {
    const d = new WedgeDetector({ breakGapMs: 150 });
    type(d, 'abcdef', 5, 0, null); // d, e, f are held
    const next = d.key({ key: 'x', time: 25 + 200 });
    expect(next).toEqual({ action: 'pass', fresh: true, release: 'def' });
  });

  it('releases held characters when Enter comes too late, and lets that Enter through', () => {
    const d = new WedgeDetector({ breakGapMs: 150 });
    const steps = type(d, 'abcdef', 5, 0, 'Enter', 200);
    expect(steps.at(-1)).toEqual({ action: 'pass', fresh: false, release: 'def' });
  });

  it('still recognises a scan when one key arrives late (a Bluetooth hiccup, a busy browser)', () => {
    const d = new WedgeDetector();
    const times = [0, 5, 10, 15, 113, 118, 123]; // one 98 ms gap
    const steps = [...'SP-0001'].map((key, i) => d.key({ key, time: times[i]! }));
    expect(steps.slice(3).every((s) => s.action === 'swallow')).toBe(true);
    expect(d.key({ key: 'Enter', time: 128 })).toEqual({
      action: 'scan',
      code: 'SP-0001',
      passedThrough: 3,
      release: '',
    });
  });

  it("keeps a person's typing just before a scan out of the scanned code", () => {
    const d = new WedgeDetector();
    type(d, 'abc', 80, 0, null); // a person: a, b, c, 80 ms apart
    const scan = type(d, 'SP-0001', 5, 160 + 50); // the scanner starts 50 ms after the c
    expect(scan[0]).toEqual({ action: 'pass', fresh: true, release: '' });
    expect(scan.at(-1)).toEqual({ action: 'scan', code: 'SP-0001', passedThrough: 3, release: '' });
  });

  it('tolerates late second and third keys when the first came after a pause', () => {
    const d = new WedgeDetector();
    const times = [1000, 1098, 1160, 1165, 1170, 1175, 1180];
    [...'SP-0001'].forEach((key, i) => d.key({ key, time: times[i]! }));
    expect(d.key({ key: 'Enter', time: 1128 })).toMatchObject({ action: 'scan', code: 'SP-0001' });
  });

  it('hands back what it held, in order, once a fast start turns into slow typing', () => {
    const d = new WedgeDetector();
    const steps = type(d, 'abcde', 5, 0, null);
    expect(steps.map((s) => s.action)).toEqual(['pass', 'pass', 'pass', 'swallow', 'swallow']);
    const slow = [...'fghi'].map((key, i) => d.key({ key, time: 20 + (i + 1) * 100 }));
    expect(slow.map((s) => s.action)).toEqual(['swallow', 'swallow', 'swallow', 'pass']);
    expect(slow[3]).toEqual({ action: 'pass', fresh: false, release: 'defgh' });
    expect(d.key({ key: 'Enter', time: 520 }).action).toBe('pass');
  });

  it('releases held characters on tick once the burst has gone quiet', () => {
    const d = new WedgeDetector();
    type(d, 'abcdef', 5, 0, null);
    expect(d.tick(25 + 50)).toBe('');
    expect(d.pending).toBe(true);
    expect(d.tick(25 + d.settleMs)).toBe('def');
    expect(d.pending).toBe(false);
  });

  it('breaks on shortcuts, auto-repeat and editing keys', () => {
    for (const breaker of [
      { key: 'c', modifier: true },
      { key: 'a', repeat: true },
      { key: 'Backspace' },
      { key: 'ArrowLeft' },
    ]) {
      const d = new WedgeDetector();
      type(d, 'abcdef', 5, 0, null);
      expect(d.key({ time: 30, ...breaker })).toEqual({ action: 'pass', fresh: false, release: 'def' });
      expect(d.key({ key: 'Enter', time: 31 }).action).toBe('pass');
    }
  });

  it('uses the configured terminator (Tab)', () => {
    const d = new WedgeDetector({ terminators: ['Tab'] });
    expect(type(d, 'WO-12', 5, 0, 'Tab').at(-1)).toMatchObject({ action: 'scan', code: 'WO-12' });
    expect(type(new WedgeDetector({ terminators: ['Tab'] }), 'WO-12', 5, 0, 'Enter').at(-1)?.action).toBe(
      'pass',
    );
  });

  it('recognises two scans in a row', () => {
    const d = new WedgeDetector();
    expect(type(d, 'SP-0001', 5, 0).at(-1)).toMatchObject({ code: 'SP-0001' });
    expect(type(d, 'SP-0002', 5, 500).at(-1)).toMatchObject({ code: 'SP-0002', passedThrough: 3 });
  });

  const keyArb = fc.record({
    key: fc.oneof(
      fc.constantFrom('Enter', 'Shift', 'Backspace', 'Tab'),
      fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }),
    ),
    gap: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 200 })),
    modifier: fc.boolean(),
    repeat: fc.boolean(),
  });

  it('never loses or duplicates a character: each is passed, released, or part of a scan', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 60 }), (keys) => {
        const d = new WedgeDetector();
        let t = 0;
        let swallowed = 0;
        let accounted = 0;
        for (const k of keys) {
          t += k.gap;
          const s = d.key({ key: k.key, time: t, modifier: k.modifier, repeat: k.repeat });
          accounted += s.release.length;
          if (s.action === 'swallow') swallowed += 1;
          if (s.action === 'scan') {
            expect(s.passedThrough).toBeLessThanOrEqual(s.code.length);
            expect(s.code.length).toBeGreaterThanOrEqual(4);
            accounted += s.code.length - s.passedThrough;
          }
        }
        accounted += d.tick(t + d.settleMs).length;
        expect(accounted).toBe(swallowed);
      }),
    );
  });

  it('never swallows or scans anything typed slower than maxGapMs', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 60 }), (keys) => {
        const d = new WedgeDetector();
        let t = 0;
        for (const k of keys) {
          t += 36 + k.gap;
          const s = d.key({ key: k.key, time: t });
          expect(s.action).toBe('pass');
          expect(s.release).toBe('');
        }
      }),
    );
  });
});
