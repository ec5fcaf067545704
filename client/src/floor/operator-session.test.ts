import { describe, expect, it } from 'vitest';
import { MemoryKeyValue } from './key-value.ts';
import { OperatorSessions } from './operator-session.ts';

const H = 3_600_000;

function sessions(kv = new MemoryKeyValue()) {
  const clock = { now: 10 * H };
  const s = new OperatorSessions(kv, 'acme', { shiftMs: 8 * H, idleMs: H / 2, now: () => clock.now });
  return { s, kv, clock };
}

describe('OperatorSessions', () => {
  it('signs in by badge or PIN and stamps who is current', () => {
    const { s } = sessions();
    expect(s.currentId()).toBe('');
    s.signIn('ann', 'badge');
    expect(s.currentId()).toBe('ann');
    s.signIn('bob', 'pin');
    expect(s.current()).toMatchObject({ personId: 'bob', method: 'pin' });
    expect(s.state.get().recent.map((x) => x.personId)).toEqual(['bob', 'ann']);
  });

  it('switches in one step to someone who proved who they are this shift, never to a stranger', () => {
    const { s } = sessions();
    s.signIn('ann', 'badge');
    s.signIn('bob', 'pin');
    expect(s.switchTo('ann')).toBe(true);
    expect(s.currentId()).toBe('ann');
    expect(s.switchTo('eve')).toBe(false);
    expect(s.currentId()).toBe('ann');
  });

  it('signing out ends that shift session: the next switch needs badge or PIN', () => {
    const { s } = sessions();
    s.signIn('ann', 'badge');
    s.signIn('bob', 'badge');
    s.signOut();
    expect(s.currentId()).toBe('');
    expect(s.switchTo('bob')).toBe(false);
    expect(s.switchTo('ann')).toBe(true);
  });

  it('nobody is current after the idle time, yet the shift session allows the quick switch', () => {
    const { s, clock } = sessions();
    s.signIn('ann', 'badge');
    clock.now += H / 2 + 1;
    expect(s.currentId()).toBe('');
    expect(s.switchTo('ann')).toBe(true);
    expect(s.currentId()).toBe('ann');
  });

  it('touch keeps the current operator from going idle', () => {
    const { s, clock } = sessions();
    s.signIn('ann', 'badge');
    for (let i = 0; i < 4; i++) {
      clock.now += H / 3;
      s.touch();
    }
    expect(s.currentId()).toBe('ann');
  });

  it('a shift session expires: no quick switch after the shift', () => {
    const { s, clock } = sessions();
    s.signIn('ann', 'badge');
    clock.now += 8 * H;
    expect(s.switchTo('ann')).toBe(false);
    expect(s.refresh().recent).toEqual([]);
  });

  it('survives a reload (same storage) and ignores garbage in it', () => {
    const kv = new MemoryKeyValue();
    const a = sessions(kv);
    a.s.signIn('ann', 'pin');
    expect(sessions(kv).s.state.get().current?.personId).toBe('ann');
    kv.set('printfloor.operators.v1.acme', '{"currentId":5}');
    expect(sessions(kv).s.currentId()).toBe('');
  });

  it("signs an idle operator out after the shop's setting, kept for offline starts (default 30 min)", () => {
    const kv = new MemoryKeyValue();
    const clock = { now: 10 * H };
    const make = () => new OperatorSessions(kv, 'acme', { now: () => clock.now });
    const s = make();
    expect(s.idleMinutes()).toBe(30);
    s.signIn('ann', 'badge');
    clock.now += 29 * 60_000;
    expect(s.currentId()).toBe('ann');
    s.touch();
    // The manager sets 5 minutes; the tablet applies it at once.
    s.setIdleMinutes(5);
    clock.now += 4 * 60_000;
    expect(s.currentId()).toBe('ann');
    clock.now += 2 * 60_000;
    expect(s.currentId()).toBe('');
    expect(s.state.get().current).toBeNull();
    // Restarted offline: the last setting read still holds.
    const again = make();
    expect(again.idleMinutes()).toBe(5);
    again.signIn('bob', 'pin');
    clock.now += 6 * 60_000;
    expect(again.currentId()).toBe('');
    // Nonsense from anywhere is ignored.
    again.setIdleMinutes(0);
    again.setIdleMinutes(1.5);
    again.setIdleMinutes(100_000);
    expect(make().idleMinutes()).toBe(5);
    kv.set('printfloor.settings.v1.acme', '{"operatorIdleMinutes":-3}');
    expect(make().idleMinutes()).toBe(30);
  });
});
