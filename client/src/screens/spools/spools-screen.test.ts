import { describe, expect, it } from 'vitest';
import type { Spool } from '@printfloor/shared';
import { spoolMatches } from './SpoolsScreen.tsx';
import { newSpoolCode } from './ReceiveSpoolScreen.tsx';

const s = (over: Partial<Spool>): Spool =>
  ({
    code: 'SP-1',
    material: 'PLA',
    colorName: 'Red',
    brand: 'B',
    location: 'Shelf',
    lot: '',
    status: 'active',
    loadedPrinterId: '',
    ...over,
  }) as Spool;

describe('spool list filters', () => {
  it('"in use" hides empty and disposed spools; "empty" shows marked-empty and folded-empty ones', () => {
    expect(spoolMatches(s({}), 'ok', 'in use', '')).toBe(true);
    expect(spoolMatches(s({ status: 'empty' }), 'empty', 'in use', '')).toBe(false);
    expect(spoolMatches(s({ status: 'empty' }), 'empty', 'empty', '')).toBe(true);
    expect(spoolMatches(s({}), 'empty', 'empty', '')).toBe(true);
    expect(spoolMatches(s({}), 'ok', 'empty', '')).toBe(false);
  });
  it('"low" follows the ledger level; "loaded" the printer; search matches place and material', () => {
    expect(spoolMatches(s({}), 'critical', 'low', '')).toBe(true);
    expect(spoolMatches(s({}), 'ok', 'low', '')).toBe(false);
    expect(spoolMatches(s({ loadedPrinterId: 'p' }), 'ok', 'loaded', '')).toBe(true);
    expect(spoolMatches(s({}), 'ok', 'all', 'shelf')).toBe(true);
    expect(spoolMatches(s({}), 'ok', 'all', 'petg')).toBe(false);
  });
});

describe('newSpoolCode', () => {
  it('makes distinct, label-friendly codes', () => {
    const codes = new Set(Array.from({ length: 500 }, newSpoolCode));
    expect(codes.size).toBe(500);
    for (const c of codes) expect(c).toMatch(/^SP-[A-HJ-NP-Z2-9]{6}$/);
  });
});
