import type { Person } from '@printfloor/shared';

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
