import type { QrKind } from '@printfloor/shared';
import { resolveScan, type ScanLookups, type ScanRecord } from './dispatch.ts';

/**
 * The core of a target-first flow ("on this printer slot, scan the spool to load"): resolve the
 * scan accepting only `accept` kinds, hand a found record to `use`, and turn everything else
 * (wrong kind, unknown, deleted, invalid, a failing `use`) into one message. `use` returns the
 * confirmation to show. Nothing is written unless `use` writes.
 */
export async function runTargetScan(
  text: string,
  lookups: ScanLookups,
  accept: readonly QrKind[],
  use: (record: ScanRecord) => Promise<string> | string,
): Promise<{ ok: boolean; message: string }> {
  const outcome = await resolveScan(text, lookups, { accept });
  switch (outcome.type) {
    case 'open':
      try {
        return { ok: true, message: await use(outcome.record) };
      } catch (err) {
        return { ok: false, message: `Not done: ${err instanceof Error ? err.message : String(err)}` };
      }
    case 'unbound':
      return {
        ok: false,
        message: `No ${accept.join(' or ')} has label ${outcome.code} yet. Bind the label first.`,
      };
    case 'create-spool':
      return { ok: false, message: 'That is a filament box barcode: scan the label on the spool itself.' };
    case 'message':
      return { ok: false, message: outcome.message };
  }
}
