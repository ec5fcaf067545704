import { describe, expect, it } from 'vitest';
import { pairCodeFromHash, tokenFromHash } from '../app/device-session.ts';
import { pairCodeFromScan, parseEnrolInput } from '../screens/EnrolScreen.tsx';
import { enrolUrl, timeLeft } from './AddTabletPage.tsx';
import { roleAtLeast } from './roles.ts';
import { nextAfterSignIn } from './SignInPage.tsx';

describe('accounts on the client', () => {
  it('counts the pairing code down to the second and says when it has expired', () => {
    const at = Date.parse('2026-06-01T08:00:00Z');
    const expires = new Date(at + 10 * 60_000).toISOString();
    expect(timeLeft(expires, at)).toBe('10:00');
    expect(timeLeft(expires, at - 5_000)).toBe('10:00'); // a clock a little behind never shows more
    expect(timeLeft(expires, at + 61_500)).toBe('8:58');
    expect(timeLeft(expires, at + 10 * 60_000 - 999)).toBe('0:00');
    expect(timeLeft(expires, at + 10 * 60_000)).toBeNull();
    expect(timeLeft('not a date', at)).toBeNull();
  });

  it('puts the code in the fragment of the enrol link, and reads it back from a link, a scan or typing', () => {
    const link = enrolUrl('https://farm.lan:8080', 'ABCDE-FGHJK');
    expect(link).toBe('https://farm.lan:8080/enrol#pair=ABCDE-FGHJK');
    expect(pairCodeFromHash(new URL(link).hash)).toBe('ABCDE-FGHJK');
    expect(parseEnrolInput(link)).toEqual({ kind: 'pair', value: 'ABCDE-FGHJK' });
    expect(parseEnrolInput(' abcde-fghjk ')).toEqual({ kind: 'pair', value: 'abcde-fghjk' });
    expect(parseEnrolInput('http://x/enrol#token=pfd_abc')).toEqual({ kind: 'token', value: 'pfd_abc' });
    expect(parseEnrolInput('pfd_abc')).toEqual({ kind: 'token', value: 'pfd_abc' });
    expect(parseEnrolInput('   ')).toBeNull();
    expect(tokenFromHash('#pair=X')).toBeNull();
    expect(pairCodeFromScan(link)).toBe('ABCDE-FGHJK');
    expect(pairCodeFromScan('abcdefghjk')).toBe('ABCDEFGHJK');
    // A spool label or anything else scanned on the enrol screen is no pairing code.
    expect(pairCodeFromScan('https://farm.lan/q/spool/SP-0001')).toBeNull();
    expect(pairCodeFromScan('SP-0001')).toBeNull();
  });

  it('returns to an in-app page after sign-in, never to another site', () => {
    expect(nextAfterSignIn('')).toBe('/manage');
    expect(nextAfterSignIn('?next=%2Fmanage%2Fadd-tablet')).toBe('/manage/add-tablet');
    expect(nextAfterSignIn('?next=https%3A%2F%2Fevil.example')).toBe('/manage');
    expect(nextAfterSignIn('?next=%2F%2Fevil.example')).toBe('/manage');
  });

  it('orders the roles operator < lead < manager < admin', () => {
    expect(roleAtLeast('manager', 'lead')).toBe(true);
    expect(roleAtLeast('lead', 'manager')).toBe(false);
    expect(roleAtLeast('operator', 'lead')).toBe(false);
    expect(roleAtLeast('admin', 'admin')).toBe(true);
  });
});
