import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QR_KINDS, type QrPayload, decodeQr, eanCheckDigit, encodeQr, isValidEan13, isValidQrCode } from './codec.ts';

const PAYLOAD_TYPES = ['record', 'spoolman', 'ean', 'invalid'];

/** The reason of an invalid payload; fails the test when the payload is valid. */
const reasonOf = (r: QrPayload): string => {
  if (r.type !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(r)}`);
  return r.reason;
};

describe('encodeQr', () => {
  it('builds the canonical URL with the code URL-encoded and the origin’s trailing slash dropped', () => {
    expect(encodeQr('spool', 'SP-0001', 'https://farm.example')).toBe('https://farm.example/q/spool/SP-0001');
    expect(encodeQr('wo', 'WO 12/3', 'http://10.0.0.5:8080/')).toBe('http://10.0.0.5:8080/q/wo/WO%2012%2F3');
    expect(encodeQr('person', 'anna', '')).toBe('/q/person/anna');
  });

  it('refuses a code no label can carry', () => {
    expect(() => encodeQr('spool', '', 'https://x')).toThrow(RangeError);
    expect(() => encodeQr('spool', 'x'.repeat(65), 'https://x')).toThrow(RangeError);
    expect(() => encodeQr('spool', 'a\nb', 'https://x')).toThrow(RangeError);
    expect(() => encodeQr('spool', '\uD800', 'https://x')).toThrow(RangeError);
    expect(() => encodeQr('box' as never, 'x', 'https://x')).toThrow(RangeError);
  });
});

describe('decodeQr: canonical URLs', () => {
  it('reads a label from any origin, with a base path, query or fragment', () => {
    const spool = { type: 'record', kind: 'spool', code: 'SP-0001' };
    expect(decodeQr('https://farm.example/q/spool/SP-0001')).toEqual(spool);
    expect(decodeQr('http://old-host.local:8080/printfloor/q/spool/SP-0001/')).toEqual(spool);
    expect(decodeQr('https://x.y/q/spool/SP-0001?src=label#top')).toEqual(spool);
    expect(decodeQr('/q/spool/SP-0001')).toEqual(spool);
  });

  it('accepts an upper-cased URL (QR alphanumeric mode) but keeps the code as printed', () => {
    expect(decodeQr('HTTPS://FARM.EXAMPLE/Q/WO/WO-17')).toEqual({ type: 'record', kind: 'wo', code: 'WO-17' });
  });

  it('decodes percent-encoded codes', () => {
    expect(decodeQr('https://x/q/part/PT%20A%2F1')).toEqual({ type: 'record', kind: 'part', code: 'PT A/1' });
  });

  it.each([
    ['https://example.com/products/42', /another site/],
    ['https://x/q/box/1', /unknown label kind/],
    ['https://x/q/spool/%E0%A4%A', /badly encoded/],
    ['https://x/q/spool/%0A', /control characters/],
    ['ftp://x/q/spool/SP-1', /"ftp:" links/],
    ['javascript:alert(1)', /not a Printfloor/],
    ['https://x/q/spool/', /another site/],
  ])('rejects %s with a reason', (text, reason) => {
    const r = decodeQr(text);
    expect(r.type).toBe('invalid');
    if (r.type === 'invalid') expect(r.reason).toMatch(reason);
  });
});

describe('decodeQr: Spoolman, bare codes and EANs', () => {
  it('maps Spoolman labels to a Spoolman id, case-insensitively', () => {
    expect(decodeQr('web+spoolman:s-42')).toEqual({ type: 'spoolman', spoolmanId: '42' });
    expect(decodeQr('WEB+SPOOLMAN:S-007')).toEqual({ type: 'spoolman', spoolmanId: '7' });
    expect(decodeQr('http://spoolman.lan:7912/spool/show/13')).toEqual({ type: 'spoolman', spoolmanId: '13' });
    expect(decodeQr('web+spoolman:s-abc').type).toBe('invalid');
    expect(decodeQr('web+spoolman:s-').type).toBe('invalid');
  });

  it.each([
    ['SP-0001', 'spool', 'SP-0001'],
    ['  sp-0001\r\n', 'spool', 'SP-0001'],
    ['wo-2024-117', 'wo', 'WO-2024-117'],
    ['PR-X1C-03', 'printer', 'PR-X1C-03'],
    ['pt-bracket.v2', 'part', 'PT-BRACKET.V2'],
  ])('reads the bare code %j as a %s', (text, kind, code) => {
    expect(decodeQr(text)).toEqual({ type: 'record', kind, code });
  });

  it('rejects bare codes with an unknown prefix or bad characters', () => {
    expect(decodeQr('XX-0001').type).toBe('invalid');
    expect(decodeQr('SP-00 01').type).toBe('invalid');
    expect(decodeQr(`SP-${'1'.repeat(80)}`).type).toBe('invalid');
    expect(decodeQr('SP-').type).toBe('invalid');
  });

  it('reads EAN-13 and UPC-A with a valid check digit, UPC-A as its EAN-13 form', () => {
    expect(decodeQr('4006381333931')).toEqual({ type: 'ean', ean: '4006381333931', format: 'ean13' });
    expect(decodeQr('036000291452')).toEqual({ type: 'ean', ean: '0036000291452', format: 'upca' });
    expect(reasonOf(decodeQr('4006381333932'))).toMatch(/check digit/);
    expect(reasonOf(decodeQr('12345'))).toMatch(/5 digits/);
  });

  it('rejects empty and blank scans', () => {
    expect(decodeQr('')).toMatchObject({ type: 'invalid', reason: 'empty scan' });
    expect(decodeQr(' \t\r\n')).toMatchObject({ type: 'invalid', reason: 'empty scan' });
  });
});

const codeArb = fc
  .oneof(
    fc.stringMatching(/^[A-Z]{2}-[A-Z0-9-]{1,20}$/),
    fc.string({ minLength: 1, maxLength: 64 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  )
  .filter(isValidQrCode);

const originArb = fc.oneof(
  fc.webUrl(),
  fc.webUrl({ validSchemes: ['https'] }).map((u) => `${u}/`),
  fc.constantFrom('', 'http://192.168.1.20:8080', 'https://farm.example/base'),
);

describe('decodeQr properties', () => {
  it('round-trips every kind, any valid code and any origin', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QR_KINDS), codeArb, originArb, (kind, code, origin) => {
        expect(decodeQr(encodeQr(kind, code, origin))).toEqual({ type: 'record', kind, code });
      }),
    );
  });

  const wellFormed = (r: QrPayload) => {
    expect(PAYLOAD_TYPES).toContain(r.type);
    if (r.type === 'invalid') expect(r.reason.length).toBeGreaterThan(0);
  };

  it('never throws, on any text whatever', () => {
    const prefixes = fc.constantFrom('', 'https://x/q/', 'https://x/q/spool/', '/q/wo/', 'web+spoolman:s-', 'SP-', 'pt-', '%', '4006');
    const garbage = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => String.fromCharCode(...b)),
      fc.string({ unit: fc.constantFrom('%', 'E', '0', 'A', '/', '\uD800', '\u0000', ' '), maxLength: 60 }),
    );
    fc.assert(fc.property(prefixes, garbage, (p, g) => wellFormed(decodeQr(p + g))), { numRuns: 2000 });
  });

  it('rejects very long payloads with a reason', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 5 }), fc.integer({ min: 2049, max: 100_000 }), (s, n) => {
        const r = decodeQr(`https://x/q/spool/${s.repeat(Math.ceil(n / s.length))}`);
        expect(reasonOf(r)).toMatch(/too long/);
      }),
      { numRuns: 50 },
    );
  });

  it('survives values that are not strings at all (untyped JavaScript callers)', () => {
    const notText: unknown[] = [null, undefined, 42, {}, []];
    for (const v of notText) wellFormed(decodeQr(v as string));
  });

  it('accepts exactly the 12-digit payloads completed with their check digit, and catches any one wrong digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12}$/), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (p, pos, delta) => {
        const ean = `${p}${eanCheckDigit(p)}`;
        expect(isValidEan13(ean)).toBe(true);
        expect(decodeQr(ean)).toEqual({ type: 'ean', ean, format: 'ean13' });
        const d = (Number(ean[pos]) + delta) % 10;
        const broken = `${ean.slice(0, pos)}${d}${ean.slice(pos + 1)}`;
        expect(isValidEan13(broken)).toBe(false);
        expect(decodeQr(broken).type).toBe('invalid');
      }),
    );
  });
});
