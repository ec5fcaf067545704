import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_IDLE_MS, isIdle, type ActivitySnapshot } from './idle-policy.ts';

const quiet: ActivitySnapshot = {
  now: 1_000_000,
  lastActivityAt: 1_000_000 - DEFAULT_IDLE_MS,
  visible: true,
  editing: false,
  modalOpen: false,
  holds: 0,
};

describe('isIdle (when an update may apply itself)', () => {
  it('applies on a visible, untouched tablet after the idle time', () => {
    expect(isIdle(quiet)).toBe(true);
    expect(isIdle({ ...quiet, lastActivityAt: quiet.now - DEFAULT_IDLE_MS + 1 })).toBe(false);
  });

  it('never applies mid-action, however long ago the last touch was', () => {
    fc.assert(
      fc.property(
        fc.record({
          since: fc.integer({ min: 0, max: 10 * DEFAULT_IDLE_MS }),
          visible: fc.boolean(),
          editing: fc.boolean(),
          modalOpen: fc.boolean(),
          holds: fc.integer({ min: 0, max: 3 }),
        }),
        ({ since, visible, editing, modalOpen, holds }) => {
          const s = { now: 5e9, lastActivityAt: 5e9 - since, visible, editing, modalOpen, holds };
          const busy = !visible || editing || modalOpen || holds > 0;
          expect(isIdle(s)).toBe(!busy && since >= DEFAULT_IDLE_MS);
        },
      ),
    );
  });
});
