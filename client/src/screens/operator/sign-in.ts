import type { Person } from '@printfloor/shared';
import type { PinVerdict } from '../../floor/pin-server.ts';

/** Where to go after signing in: the `next` query parameter when it is an in-app path, else home. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** A badge as scanned: the bare code, or a `/q/person/<code>` label URL from any origin. */
export function badgeCodeOf(text: string): string {
  const t = text.trim();
  const m = /\/q\/person\/([^/?#]+)/i.exec(t);
  return m ? decodeURIComponent(m[1]!) : t;
}

export function findByBadge(people: readonly Person[], text: string): Person | null {
  const code = badgeCodeOf(text).toLowerCase();
  if (!code) return null;
  return people.find((p) => p.active && p.badgeCode !== '' && p.badgeCode.toLowerCase() === code) ?? null;
}

/** What a refused PIN tells the person at the tablet. */
export function pinMessage(r: Exclude<PinVerdict, { ok: true }>, name: string): string {
  switch (r.reason) {
    case 'locked':
      return `Too many wrong PINs: ${name}'s PIN is locked until ${new Date(r.lockedUntil).toLocaleTimeString()}. Scan your badge.`;
    case 'no-pin':
      return r.offline
        ? `Offline, and ${name} has not used a PIN on this tablet yet: scan your badge.`
        : `No PIN for ${name}: scan your badge, then set a PIN from the operator menu.`;
    case 'wrong':
      return `Wrong PIN — ${r.attemptsLeft} ${r.attemptsLeft === 1 ? 'try' : 'tries'} left${r.offline ? ' (checked offline)' : ''}.`;
    case 'throttled':
      return `Too many tries on this tablet. Wait ${r.retryAfterSeconds} s.`;
    case 'device-refused':
      return 'This tablet is no longer enrolled: ask your manager to add it again.';
  }
}
