/**
 * The spool screen's "record use against this step" link (issue 4: at a bench, a spool scanned
 * while a step runs opens the spool with its "Record use" form set to that step):
 * `/spools/<id>#consume=<workOrderId>/<operationId>`.
 */
export interface ConsumeTarget {
  workOrderId: string;
  operationId: string;
}

export function consumeHash(workOrderId: string, operationId: string): string {
  return `#consume=${encodeURIComponent(workOrderId)}/${encodeURIComponent(operationId)}`;
}

/** The step a spool screen's hash names, or null for any other hash (or a malformed one). */
export function parseConsumeHash(hash: string): ConsumeTarget | null {
  const m = /^#?consume=([^/]+)\/([^/]+)$/.exec(hash);
  if (!m) return null;
  try {
    const workOrderId = decodeURIComponent(m[1]!).trim();
    const operationId = decodeURIComponent(m[2]!).trim();
    return workOrderId && operationId ? { workOrderId, operationId } : null;
  } catch {
    return null;
  }
}
