import type { z } from 'zod';
import { parseJsonPayload } from './coerce.ts';
import type { NormalizeContext, NormalizeResult, PrinterStatus } from './status.ts';
import { printerStatusSchema, unknownStatus } from './status.ts';

/**
 * What a publisher sends on the native topic `printfloor/v1/printers/<code>/status`: the common
 * status without the fields the relay owns (code from the topic, source, lastSeen from its clock).
 * Only `state` is required; anything left out is unknown. Unknown extra fields are dropped.
 */
export const nativeStatusSchema = printerStatusSchema
  .omit({ code: true, source: true, lastSeen: true })
  .partial()
  .required({ state: true });
export type NativeStatus = z.input<typeof nativeStatusSchema>;

/** The native topic is stateless: every message is the whole status. */
export function applyNativeStatus(
  payload: Uint8Array | string,
  ctx: NormalizeContext,
): NormalizeResult<null> {
  const parsed = parseJsonPayload(payload);
  if (!parsed.ok) return { state: null, outcome: 'rejected', status: null, reason: parsed.reason };
  const result = nativeStatusSchema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      state: null,
      outcome: 'rejected',
      status: null,
      reason: `invalid status${issue ? `: ${issue.path.join('.')} ${issue.message}` : ''}`,
    };
  }
  const status: PrinterStatus = {
    ...unknownStatus(ctx.code, 'printfloor'),
    ...stripUndefined(result.data),
    lastSeen: ctx.now,
  };
  return { state: null, outcome: 'applied', status };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
