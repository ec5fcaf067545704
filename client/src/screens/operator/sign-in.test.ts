import { describe, expect, it } from 'vitest';
import type { Person } from '@printfloor/shared';
import { badgeCodeOf, findByBadge, nextPath } from './sign-in.ts';

const person = (over: Partial<Person>): Person =>
  ({ id: 'p', displayName: 'Ann', badgeCode: 'EMP-1001', role: 'operator', active: true, ...over }) as Person;

describe('badge sign-in', () => {
  it('reads a bare badge code or a person label URL from any origin', () => {
    expect(badgeCodeOf(' EMP-1001\n')).toBe('EMP-1001');
    expect(badgeCodeOf('https://old-host:8443/q/person/EMP-1001')).toBe('EMP-1001');
  });
  it('matches an active person case-insensitively, never an inactive one or an empty code', () => {
    const people = [
      person({ id: 'a' }),
      person({ id: 'b', badgeCode: 'EMP-2', active: false }),
      person({ id: 'c', badgeCode: '' }),
    ];
    expect(findByBadge(people, 'emp-1001')?.id).toBe('a');
    expect(findByBadge(people, 'EMP-2')).toBeNull();
    expect(findByBadge(people, '')).toBeNull();
  });
});

describe('nextPath', () => {
  it('returns to in-app paths only', () => {
    expect(nextPath('?next=%2Fwork-orders%2Fx')).toBe('/work-orders/x');
    expect(nextPath('?next=https%3A%2F%2Fevil.example')).toBe('/');
    expect(nextPath('?next=%2F%2Fevil.example')).toBe('/');
    expect(nextPath('')).toBe('/');
  });
});
