/**
 * CSV for the manager's import and export (RFC 4180): comma-separated, CRLF line ends, fields
 * quoted when they hold a comma, quote or line break, quotes doubled.
 *
 * Export guard (OWASP "CSV injection", CWE-1236): a text cell a spreadsheet would run as a formula
 * (leading = + - @ tab CR) gets a leading apostrophe, except plain numbers. Same rule as the
 * client's client/src/manage/csv.ts and Spoolman's exporter, so every Printfloor CSV is safe to
 * open whichever side wrote it.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

export interface ParsedCsv {
  header: string[];
  /** Data records (the header excluded); blank lines skipped. */
  rows: string[][];
  /** Line number in the file (1-based) where each data record starts, as a spreadsheet numbers it. */
  lines: number[];
}

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * Parses CSV text: a UTF-8 BOM is dropped, `,` or `;` is the separator (whichever the header line
 * holds more of outside quotes: European spreadsheets save with `;`), CRLF, LF or CR line ends,
 * quoted fields may hold separators, quotes ("") and line breaks. An unterminated quote throws.
 */
export function parseCsv(text: string): ParsedCsv {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = guessSeparator(src);
  const records: string[][] = [];
  const starts: number[] = [];
  let field = '';
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let wasQuoted = false;
  let quoteLine = 0;
  const endField = () => {
    record.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) {
      records.push(record);
      starts.push(recordLine);
    }
    record = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === sep) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteLine, 'a quoted field is never closed');
  if (field !== '' || record.length > 0) endRecord();
  const [header = [], ...rows] = records;
  return { header, rows, lines: starts.slice(1) };
}

function guessSeparator(src: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of src) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}
