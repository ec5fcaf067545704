import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { decodeQr, type QrKind } from '@printfloor/shared';
import {
  dispatchScan,
  resolveScan,
  type ScanActions,
  type ScanLookups,
  type ScanRecord,
  type SpoolPrefill,
} from './dispatch.ts';

const SPOOL: ScanRecord = { kind: 'spool', id: 'sp1', code: 'SP-0001', title: 'PLA Galaxy Black' };
const GONE: ScanRecord = { kind: 'spool', id: 'sp9', code: 'SP-0009', title: 'PETG Red', deleted: true };
const WO: ScanRecord = { kind: 'wo', id: 'wo1', code: 'WO-1042', title: 'Bracket ×40' };
const PREFILL: SpoolPrefill = {
  material: 'PLA',
  colorName: 'Galaxy Black',
  colorHex: '#1a1a2e',
  brand: 'Prusament',
  diameterMm: 1.75,
  netWeightG: 1000,
  tareWeightG: 201,
};

/** In-memory lookups over a few records, counting calls so tests can prove nothing was looked up. */
function fakeLookups(records: ScanRecord[] = [SPOOL, GONE, WO]) {
  const lookups = {
    findRecord: vi.fn((kind: QrKind, code: string) =>
      Promise.resolve(records.find((r) => r.kind === kind && r.code === code) ?? null),
    ),
    findSpoolBySpoolmanId: vi.fn((id: string) => Promise.resolve(id === '42' ? SPOOL : null)),
    lastSpoolWithEan: vi.fn((ean: string) => Promise.resolve(ean === '4006381333931' ? PREFILL : null)),
  } satisfies ScanLookups;
  return lookups;
}

function fakeActions() {
  return {
    open: vi.fn<ScanActions['open']>(),
    offerBind: vi.fn<ScanActions['offerBind']>(),
    offerCreateSpool: vi.fn<ScanActions['offerCreateSpool']>(),
    notify: vi.fn<ScanActions['notify']>(),
  } satisfies ScanActions;
}

describe('resolveScan', () => {
  it('opens a record from its canonical URL on any origin, and from a bare code', async () => {
    const l = fakeLookups();
    expect(await resolveScan('https://farm.example/q/spool/SP-0001', l)).toEqual({
      type: 'open',
      record: SPOOL,
    });
    expect(await resolveScan('http://old-host:8080/base/q/wo/WO-1042', l)).toEqual({
      type: 'open',
      record: WO,
    });
    expect(await resolveScan('sp-0001\n', l)).toEqual({ type: 'open', record: SPOOL });
    expect(l.findRecord).toHaveBeenCalledWith('spool', 'SP-0001');
  });

  it('offers to bind a well-formed code nobody uses yet (pre-printed labels)', async () => {
    const out = await resolveScan('https://x/q/spool/SP-0777', fakeLookups());
    expect(out).toMatchObject({ type: 'unbound', kind: 'spool', code: 'SP-0777' });
    expect(await resolveScan('/q/person/B-0017', fakeLookups())).toMatchObject({
      type: 'unbound',
      kind: 'person',
    });
  });

  it('does not offer to bind an unknown step id: steps are never pre-printed', async () => {
    expect(await resolveScan('https://x/q/op/01HX', fakeLookups())).toMatchObject({
      type: 'message',
      reason: 'not-found',
    });
  });

  it('says a deleted record was deleted and does not open it', async () => {
    const out = await resolveScan('https://x/q/spool/SP-0009', fakeLookups());
    expect(out).toMatchObject({ type: 'message', reason: 'deleted', tone: 'warning' });
    expect(out.type === 'message' && out.message).toContain('SP-0009 was deleted');
  });

  it('maps Spoolman labels through the spool external id', async () => {
    const l = fakeLookups();
    expect(await resolveScan('WEB+SPOOLMAN:s-042', l)).toEqual({ type: 'open', record: SPOOL });
    expect(l.findSpoolBySpoolmanId).toHaveBeenCalledWith('42');
    expect(await resolveScan('web+spoolman:s-7', l)).toMatchObject({
      type: 'message',
      reason: 'unknown-spoolman',
    });
  });

  it('offers create-spool for a filament box EAN, prefilled from the last spool with that EAN', async () => {
    expect(await resolveScan('4006381333931', fakeLookups())).toMatchObject({
      type: 'create-spool',
      ean: '4006381333931',
      prefill: PREFILL,
    });
    expect(await resolveScan('5901234123457', fakeLookups())).toMatchObject({
      type: 'create-spool',
      prefill: null,
    });
    // UPC-A is looked up as its EAN-13 form.
    const l = fakeLookups();
    await resolveScan('036000291452', l);
    expect(l.lastSpoolWithEan).toHaveBeenCalledWith('0036000291452');
  });

  it('in a target-first flow, refuses other kinds with a message and looks nothing up', async () => {
    const l = fakeLookups();
    const out = await resolveScan('WO-1042', l, { accept: ['spool'] });
    expect(out).toMatchObject({ type: 'message', reason: 'wrong-kind' });
    expect(out.type === 'message' && out.message).toBe('That is a work order label; scan a spool here.');
    expect(await resolveScan('4006381333931', l, { accept: ['printer'] })).toMatchObject({
      reason: 'wrong-kind',
    });
    expect(l.findRecord).not.toHaveBeenCalled();
    expect(await resolveScan('SP-0001', l, { accept: ['spool'] })).toEqual({ type: 'open', record: SPOOL });
  });

  it('turns a failing lookup into a message instead of throwing', async () => {
    const l = fakeLookups();
    l.findRecord.mockRejectedValueOnce(new Error('database closed'));
    expect(await resolveScan('SP-0001', l)).toMatchObject({
      type: 'message',
      reason: 'lookup-failed',
      message: expect.stringContaining('database closed') as unknown,
    });
  });

  describe('bad input gets a message and changes nothing', () => {
    const bad: [string, string][] = [
      ['empty', ''],
      ['whitespace', ' \t\r\n'],
      ['random words', 'hello world'],
      ['another site', 'https://www.prusa3d.com/product/prusament-pla-galaxy-black-1kg/'],
      ['another scheme', 'javascript:alert(1)'],
      ['file url', 'file:///etc/passwd'],
      ['unknown kind', 'https://x/q/banana/SP-1'],
      ['bad escape', 'https://x/q/spool/%E0%A4%A'],
      ['control chars in code', 'https://x/q/spool/SP%0A01'],
      ['wrong check digit', '4006381333932'],
      ['eleven digits', '12345678901'],
      ['very long', `https://x/q/spool/${'A'.repeat(5000)}`],
      ['huge', 'x'.repeat(1_000_000)],
      ['binary noise', String.fromCharCode(0, 255, 7, 0xd800, 27, 91, 65)],
      ['spoolman without id', 'web+spoolman:s-abc'],
    ];
    it.each(bad)('%s', async (_name, text) => {
      const l = fakeLookups();
      const a = fakeActions();
      const out = await dispatchScan(text, l, a);
      expect(out).toMatchObject({ type: 'message', reason: 'invalid', tone: 'error' });
      expect(a.notify).toHaveBeenCalledTimes(1);
      expect(a.open).not.toHaveBeenCalled();
      expect(a.offerBind).not.toHaveBeenCalled();
      expect(a.offerCreateSpool).not.toHaveBeenCalled();
      expect(l.findRecord).not.toHaveBeenCalled();
      const msg = a.notify.mock.calls[0]?.[0] ?? '';
      expect(msg.length).toBeLessThan(200);
    });

    it('random strings and byte noise: never throws; anything the codec rejects only notifies', async () => {
      const noise = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('utf-8').decode(b)),
        fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b)),
        fc.webUrl(),
      );
      await fc.assert(
        fc.asyncProperty(noise, async (text) => {
          const l = fakeLookups([]);
          const a = fakeActions();
          const out = await dispatchScan(text, l, a);
          const decoded = decodeQr(text);
          if (decoded.type === 'invalid') {
            expect(out).toMatchObject({ type: 'message', reason: 'invalid' });
            expect(l.findRecord).not.toHaveBeenCalled();
          }
          // With no records at all, nothing can ever be opened.
          expect(a.open).not.toHaveBeenCalled();
          const calls = [a.open, a.offerBind, a.offerCreateSpool, a.notify].map((f) => f.mock.calls.length);
          expect(calls.reduce((x, y) => x + y)).toBe(1);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('dispatchScan', () => {
  it('calls exactly the action the outcome asks for', async () => {
    const a = fakeActions();
    await dispatchScan('SP-0001', fakeLookups(), a);
    expect(a.open).toHaveBeenCalledWith(SPOOL);
    await dispatchScan('SP-0002', fakeLookups(), a);
    expect(a.offerBind).toHaveBeenCalledWith(
      'spool',
      'SP-0002',
      'Label SP-0002 is not used yet. Bind it to a spool?',
    );
    await dispatchScan('4006381333931', fakeLookups(), a);
    expect(a.offerCreateSpool).toHaveBeenCalledWith(
      '4006381333931',
      PREFILL,
      expect.stringContaining('Prusament PLA'),
    );
    expect(a.notify).not.toHaveBeenCalled();
  });
});
