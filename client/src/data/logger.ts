/**
 * The data layer's logger: warnings and errors go to the console (visible in the browser's
 * devtools and in test output); debug output only when `PRINTFLOOR_DEBUG` is set on globalThis.
 */
export const logger = {
  debug(...args: unknown[]): void {
    if ((globalThis as { PRINTFLOOR_DEBUG?: boolean }).PRINTFLOOR_DEBUG) console.warn('[printfloor]', ...args);
  },
  warn(...args: unknown[]): void {
    console.warn('[printfloor]', ...args);
  },
  error(...args: unknown[]): void {
    console.error('[printfloor]', ...args);
  },
};
