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

/**
 * At a bench several steps may run at once: a scanned spool goes to the one started last (the
 * operator most likely just started it); the spool screen lets them pick another. Running steps
 * before paused ones; null when nothing runs.
 */
export function latestRunningStep<S extends { state: { status: string; startedAt: string | null } }>(
  running: readonly S[],
): S | null {
  let best: S | null = null;
  for (const s of running) {
    if (!best) best = s;
    else {
      const rank = (x: S) => (x.state.status === 'running' ? 1 : 0);
      if (
        rank(s) > rank(best) ||
        (rank(s) === rank(best) && (s.state.startedAt ?? '') > (best.state.startedAt ?? ''))
      )
        best = s;
    }
  }
  return best;
}
