import { describe, expect, it } from 'vitest';
import { QR_KINDS } from '@printfloor/shared';
import { bindExistingPath, bindNewPath, createSpoolPath } from './offer-paths.ts';
import { CREATABLE_ON_TABLET } from './ScanOfferDialog.tsx';

describe('where scan offers lead', () => {
  it('a new record form gets the code, encoded, for every kind a tablet can create', () => {
    expect(bindNewPath('spool', 'SP-0042')).toBe('/spools/new?code=SP-0042');
    expect(bindNewPath('part', 'PT 7/8')).toBe('/parts/new?code=PT%207%2F8');
    expect(bindNewPath('printer', 'PR-9')).toBe('/printers/new?code=PR-9');
    expect(bindNewPath('person', 'EMP-1')).toBe('/reference/people/new?code=EMP-1');
    for (const kind of QR_KINDS) expect(bindNewPath(kind, 'X') !== null).toBe(CREATABLE_ON_TABLET.has(kind));
  });

  it('the picker takes every kind but steps, whose codes are ids', () => {
    expect(bindExistingPath('wo', 'WO-1')).toBe('/bind/wo/WO-1');
    expect(bindExistingPath('person', 'a/b')).toBe('/bind/person/a%2Fb');
    expect(bindExistingPath('op', 'x')).toBeNull();
  });

  it('a filament box opens the receive form with its EAN only (the form looks up the pre-fill)', () => {
    expect(createSpoolPath('4006381333931')).toBe('/spools/new?ean=4006381333931');
  });
});
