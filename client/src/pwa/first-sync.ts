/** One collection's line in the first-sync progress. */
export interface CollectionProgress {
  name: string;
  /** Documents stored on the tablet so far. */
  have: number;
  /** Documents the server holds for this shop; null while unknown (no count endpoint, offline). */
  total: number | null;
}

/**
 * The server's document count per collection: `GET /api/sync/counts` →
 * `{ counts: { [collection]: number } }` (live rows of the caller's tenant; tombstones excluded).
 * Null when the server has no such endpoint yet or cannot be reached: progress then shows the
 * documents so far without a total.
 */
export async function fetchServerCounts(
  request: (path: string) => Promise<Response>,
): Promise<Record<string, number> | null> {
  try {
    const body = (await (await request('/api/sync/counts')).json()) as { counts?: unknown };
    if (!body.counts || typeof body.counts !== 'object') return null;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(body.counts)) if (typeof v === 'number' && v >= 0) out[k] = v;
    return out;
  } catch {
    return null;
  }
}

/** Pure: per-collection lines, plus the overall share when every total is known. */
export function firstSyncProgress(
  names: readonly string[],
  local: Readonly<Record<string, number>>,
  totals: Readonly<Record<string, number>> | null,
): { rows: CollectionProgress[]; share: number | null; complete: boolean } {
  const rows = names.map((name) => ({ name, have: local[name] ?? 0, total: totals?.[name] ?? null }));
  const known = rows.every((r) => r.total !== null);
  const total = rows.reduce((s, r) => s + (r.total ?? 0), 0);
  const have = rows.reduce((s, r) => s + Math.min(r.have, r.total ?? r.have), 0);
  return {
    rows,
    share: known ? (total === 0 ? 1 : have / total) : null,
    complete: known && rows.every((r) => r.have >= (r.total ?? 0)),
  };
}
