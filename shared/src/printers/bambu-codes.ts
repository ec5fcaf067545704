import { isRecord, num, type JsonObject } from './coerce.ts';
import type { ErrorSeverity, PrinterError } from './status.ts';

/** `print_error` a cancel leaves behind (0x0300400C, "The task was canceled."); FAILED follows it. */
export const BAMBU_CANCEL_ERROR = 0x0300400c;

const SEVERITY_BY_LEVEL: Readonly<Record<number, ErrorSeverity>> = {
  1: 'fatal',
  2: 'serious',
  3: 'common',
  4: 'info',
};

/** HMS module by the top byte of `attr` (the ones we are sure of; the rest read "Printer"). */
const HMS_MODULES: Readonly<Record<number, string>> = {
  0x03: 'Motion controller',
  0x05: 'Mainboard',
  0x07: 'AMS',
  0x0c: 'Camera / AI monitoring',
  0x12: 'AMS lite',
};

/**
 * Readable texts for codes we have seen in real reports. The full tables (thousands of entries, per
 * model and language) live in Bambu's apps; anything else gets a text naming module and severity
 * plus the code, which operators look up in Bambu's wiki.
 */
const HMS_TEXTS: Readonly<Record<string, string>> = {
  // bambu-hms-error-running.json (SOURCES.md quotes the ha-bambulab hms_en.json entry)
  HMS_0C00_0300_0003_0007: 'Possible first layer defects have been detected. Check the first layer.',
};

const PRINT_ERROR_TEXTS: Readonly<Record<number, { text: string; severity: ErrorSeverity }>> = {
  [BAMBU_CANCEL_ERROR]: { text: 'The task was canceled.', severity: 'info' },
  // An SD-card advisory a printer keeps reporting while it prints normally (PROTOCOLS.md).
  0x0500c011: { text: 'SD card advisory (printing is not affected).', severity: 'info' },
};

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
const hex8 = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');

/** A 32-bit unsigned code from a number or numeric string, else null. */
function u32(v: unknown): number | null {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : null;
}

/** `HMS_{attr>>16:04X}_{attr&0xFFFF:04X}_{code>>16:04X}_{code&0xFFFF:04X}` (PROTOCOLS.md). */
export function hmsCodeText(attr: number, code: number): string {
  const hi = (n: number) => Math.floor(n / 0x10000);
  return `HMS_${hex4(hi(attr))}_${hex4(attr % 0x10000)}_${hex4(hi(code))}_${hex4(code % 0x10000)}`;
}

/** Severity is `code >> 16`: 1 fatal, 2 serious, 3 common, 4 info; other levels read as common. */
export function hmsSeverity(code: number): ErrorSeverity {
  return SEVERITY_BY_LEVEL[Math.floor(code / 0x10000)] ?? 'common';
}

/** One HMS entry `{attr, code}` → error, or null when the entry is not one. */
export function hmsError(entry: unknown): PrinterError | null {
  if (!isRecord(entry)) return null;
  const attr = u32(entry.attr);
  const code = u32(entry.code);
  if (attr === null || code === null) return null;
  const text = hmsCodeText(attr, code);
  const severity = hmsSeverity(code);
  const module = HMS_MODULES[Math.floor(attr / 0x1000000)] ?? 'Printer';
  return { code: text, text: HMS_TEXTS[text] ?? `${module}: ${severity} issue (${text}).`, severity };
}

/** A non-zero `print_error` → error entry; 0 or garbage → null. */
export function printError(v: unknown): PrinterError | null {
  const code = u32(v);
  if (code === null || code === 0) return null;
  const known = PRINT_ERROR_TEXTS[code];
  const text = hex8(code);
  return { code: text, text: known?.text ?? `Print error ${text}.`, severity: known?.severity ?? 'common' };
}

/** `print_error` as an unsigned number (0 when absent or garbage). */
export function printErrorCode(v: unknown): number {
  return u32(v) ?? 0;
}

/**
 * Slot label for AMS unit `amsId`, tray `trayId`: standard AMS units 0–3 (and the H2D's 4–7) →
 * `AMS{n+1}-{t+1}`; AMS HT units (ids 128+) carry one tray → `HT{n-127}`.
 */
export function amsSlotLabel(amsId: number, trayId: number): string {
  if (amsId >= 128) return trayId === 0 ? `HT${amsId - 127}` : `HT${amsId - 127}-${trayId + 1}`;
  return `AMS${amsId + 1}-${trayId + 1}`;
}

/** Decodes `ams.tray_now`: 255 none, 254 external, < 128 = ams×4+tray, 128+ = AMS HT unit id. */
export function activeTray(trayNow: unknown): { amsId: number; trayId: number } | 'external' | null {
  const n = num(trayNow);
  if (n === null || !Number.isInteger(n) || n < 0 || n >= 255) return null;
  if (n === 254) return 'external';
  if (n >= 128) return { amsId: n, trayId: 0 };
  return { amsId: Math.floor(n / 4), trayId: n % 4 };
}

/** Pause reasons by stage id (`stg_cur` / `mc_print_stage`, PROTOCOLS.md). */
export function pauseDetail(print: JsonObject): string | null {
  for (const v of [print.stg_cur, print.mc_print_stage]) {
    const n = num(v);
    if (n === 6) return 'filament runout';
    if (n === 16) return 'paused by user';
  }
  return null;
}
