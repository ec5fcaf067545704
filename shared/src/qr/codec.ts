/**
 * The one QR / barcode payload codec (DESIGN.md "QR codes and labels", issue 4). Pure: parses by
 * hand rather than with `URL` so it behaves the same in every runtime, and never throws on input.
 *
 * Accepted, in this order:
 * - the canonical URL `<origin>/q/<kind>/<code>` from any origin (labels outlive host names; a base
 *   path before `/q/` is fine; scheme, `q` and kind are case-insensitive because QR alphanumeric
 *   mode upper-cases URLs), or the bare path `/q/<kind>/<code>` (a deep link);
 * - Spoolman's `web+spoolman:s-<id>` (case-insensitive) and its `…/spool/show/<id>` URL labels;
 * - bare codes by prefix: SP- spool, WO- wo, PR- printer, PT- part (case-insensitive, trimmed, and
 *   returned upper-cased: keyboard-wedge scanners with caps lock flip case);
 * - EAN-13 and UPC-A with a valid check digit (UPC-A is returned as its 13-digit EAN form).
 * Everything else is `invalid` with a reason a person can read.
 */

export const QR_KINDS = ['spool', 'part', 'wo', 'printer', 'op', 'person'] as const;
export type QrKind = (typeof QR_KINDS)[number];

export type QrPayload =
  | { type: 'record'; kind: QrKind; code: string }
  | { type: 'spoolman'; spoolmanId: string }
  | { type: 'ean'; ean: string; format: 'ean13' | 'upca' }
  | { type: 'invalid'; reason: string };

/** Longest text the decoder looks at; a QR code holds at most ~4,300 characters anyway. */
export const MAX_QR_TEXT = 2048;
/** Longest record code (the `code` columns allow 50; ids of `op`/`person` up to 64). */
export const MAX_QR_CODE = 64;

const BARE_PREFIXES: Record<string, QrKind> = { SP: 'spool', WO: 'wo', PR: 'printer', PT: 'part' };

export function isQrKind(kind: string): kind is QrKind {
  return (QR_KINDS as readonly string[]).includes(kind);
}

// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
/** A UTF-16 surrogate without its partner: not text, and `encodeURIComponent` throws on it. */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `code` can travel in a label: 1–64 characters of well-formed text, no control characters, not blank. */
export function isValidQrCode(code: string): boolean {
  return (
    code.length > 0 &&
    code.length <= MAX_QR_CODE &&
    code.trim() !== '' &&
    !CONTROL_RE.test(code) &&
    !LONE_SURROGATE_RE.test(code)
  );
}

/** `<origin>/q/<kind>/<code>`, the code URL-encoded. Throws RangeError on a code no label can carry. */
export function encodeQr(kind: QrKind, code: string, origin: string): string {
  if (!isQrKind(kind)) throw new RangeError(`unknown QR kind "${String(kind)}"`);
  if (!isValidQrCode(code)) throw new RangeError('a QR code must be 1–64 printable characters');
  return `${origin.replace(/\/+$/, '')}/q/${kind}/${encodeURIComponent(code)}`;
}

/** Parses scanned or typed text into what it points at. Never throws. */
export function decodeQr(text: string): QrPayload {
  if (typeof text !== 'string') return invalid('not text');
  if (text.length > MAX_QR_TEXT) return invalid(`too long (${text.length} characters) to be a Printfloor code`);
  // Wedge scanners end with Enter (and some with Tab); labels may carry stray whitespace.
  const t = text.trim();
  if (t === '') return invalid('empty scan');
  return (
    decodeSpoolman(t) ??
    decodeUrl(t) ??
    decodeBare(t) ??
    decodeEan(t) ??
    invalid(`"${preview(t)}" is not a Printfloor, Spoolman or EAN code`)
  );
}

function decodeSpoolman(t: string): QrPayload | null {
  const m = /^web\+spoolman:s-(.*)$/i.exec(t);
  if (m === null) return null;
  const id = m[1] ?? '';
  if (!/^[0-9]{1,20}$/.test(id)) return invalid('Spoolman label without a numeric spool id');
  return { type: 'spoolman', spoolmanId: stripZeros(id) };
}

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?[^#]*)?(?:#.*)?$/i;

function decodeUrl(t: string): QrPayload | null {
  let path: string;
  if (t.startsWith('/')) {
    path = t.replace(/[?#].*$/, '');
  } else {
    const m = URL_RE.exec(t);
    if (m === null) return null;
    const scheme = (m[1] ?? '').toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return invalid(`"${scheme}:" links are not Printfloor codes`);
    path = m[3] ?? '';
  }
  const q = /\/q\/([^/]+)\/([^/]+)\/?$/i.exec(path);
  if (q !== null) return recordFromPath(q[1] ?? '', q[2] ?? '');
  const spoolman = /\/spool\/show\/([0-9]{1,20})\/?$/i.exec(path);
  if (spoolman !== null) return { type: 'spoolman', spoolmanId: stripZeros(spoolman[1] ?? '') };
  return invalid('a link to another site or page, not a Printfloor label');
}

function recordFromPath(rawKind: string, rawCode: string): QrPayload {
  const kind = rawKind.toLowerCase();
  if (!isQrKind(kind)) return invalid(`unknown label kind "${preview(rawKind)}"`);
  let code: string;
  try {
    code = decodeURIComponent(rawCode);
  } catch {
    return invalid('the code in the link is badly encoded');
  }
  if (!isValidQrCode(code)) return invalid('the code in the link is empty, too long or has control characters');
  return { type: 'record', kind, code };
}

function decodeBare(t: string): QrPayload | null {
  const m = /^([a-z]{2})-(.+)$/i.exec(t);
  if (m === null) return null;
  const kind = BARE_PREFIXES[(m[1] ?? '').toUpperCase()];
  if (kind === undefined) return null;
  const code = t.toUpperCase();
  if (code.length > MAX_QR_CODE || !/^[A-Z]{2}-[A-Z0-9][A-Z0-9._-]*$/.test(code)) {
    return invalid(`"${preview(t)}" looks like a ${kind} code but has characters a code cannot have`);
  }
  return { type: 'record', kind, code };
}

function decodeEan(t: string): QrPayload | null {
  if (!/^[0-9]+$/.test(t)) return null;
  if (t.length !== 12 && t.length !== 13) return invalid(`${t.length} digits: not an EAN-13 or UPC-A barcode`);
  const ean = t.length === 12 ? `0${t}` : t;
  if (!isValidEan13(ean)) return invalid('barcode check digit does not match (misread?)');
  return { type: 'ean', ean, format: t.length === 12 ? 'upca' : 'ean13' };
}

/** The GS1 check digit for the first 12 digits of an EAN-13 (or `0` + the first 11 of a UPC-A). */
export function eanCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < first12.length; i++) {
    const d = first12.charCodeAt(i) - 48;
    // From the right of the payload, weights alternate 3, 1, 3, …; for 12 digits that is 1 at even i.
    sum += (first12.length - i) % 2 === 0 ? d : d * 3;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether 13 digits form an EAN-13 with a correct check digit. */
export function isValidEan13(digits: string): boolean {
  if (!/^[0-9]{13}$/.test(digits)) return false;
  return eanCheckDigit(digits.slice(0, 12)) === digits.charCodeAt(12) - 48;
}

/** Spoolman ids are integers: `s-007` and `s-7` are the same spool. */
function stripZeros(id: string): string {
  return id.replace(/^0+(?=.)/, '');
}

function invalid(reason: string): QrPayload {
  return { type: 'invalid', reason };
}

/** A short, printable excerpt of unknown input for messages. */
function preview(t: string): string {
  const clean = t.replace(new RegExp(CONTROL_RE.source, 'g'), '?').replace(new RegExp(LONE_SURROGATE_RE.source, 'g'), '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
