import { describe, expect, it } from 'vitest';
import { PushHold } from './push-hold.ts';

/** A clock the sleeps advance, so waits are instant and deterministic. */
function clocked() {
  const clock = { now: 0 };
  const hold = new PushHold(() => clock.now);
  const sleep = (ms: number) => {
    clock.now += ms;
    return Promise.resolve();
  };
  return { hold, clock, sleep };
}

describe('PushHold', () => {
  it('holds a record for its window, then lets it go', async () => {
    const { hold, clock, sleep } = clocked();
    hold.hold('step_events', 'e1', 11_000);
    expect(hold.isHeld('step_events', ['e0', 'e1'])).toBe(true);
    expect(hold.isHeld('spool_movements', ['e1'])).toBe(false);
    expect(await hold.wait('step_events', ['e0', 'e1'], undefined, sleep)).toBe(true);
    expect(clock.now).toBe(11_000);
    expect(hold.isHeld('step_events', ['e1'])).toBe(false);
    expect(await hold.wait('step_events', ['e1'], undefined, sleep)).toBe(false);
  });

  it('release lets a record go before its window ends', () => {
    const { hold } = clocked();
    hold.hold('step_events', 'e1', 11_000);
    hold.release('step_events', 'e1');
    expect(hold.remaining('step_events', ['e1'])).toBe(0);
  });

  it('a push waits for an undo in progress even after the window', async () => {
    const { hold, sleep } = clocked();
    let finish!: () => void;
    const undoDone = new Promise<void>((r) => (finish = r));
    const order: string[] = [];
    const guarded = hold.guard([{ collection: 'step_events', id: 'e1' }], async () => {
      await undoDone;
      order.push('undo');
    });
    const waited = hold.wait('step_events', ['e1'], undefined, sleep).then((w) => order.push(`push ${w}`));
    await Promise.resolve();
    finish();
    await Promise.all([guarded, waited]);
    expect(order).toEqual(['undo', 'push true']);
  });

  it('stops waiting when the sync stops', async () => {
    const hold = new PushHold();
    hold.hold('step_events', 'e1', 60_000);
    const ctrl = new AbortController();
    const p = hold.wait('step_events', ['e1'], ctrl.signal);
    ctrl.abort(new Error('sync stopped'));
    await expect(p).rejects.toThrow('sync stopped');
  });

  it('holds records appended during a captured action from the moment they are written', async () => {
    const { hold } = clocked();
    hold.noteAppend('step_events', 'outside');
    await hold.capture(11_000, () => {
      hold.noteAppend('step_events', 'inside');
      return Promise.resolve();
    });
    hold.noteAppend('step_events', 'after');
    expect(hold.isHeld('step_events', ['inside'])).toBe(true);
    expect(hold.isHeld('step_events', ['outside', 'after'])).toBe(false);
  });
});
