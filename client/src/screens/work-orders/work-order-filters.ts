import type { WorkOrder } from '@printfloor/shared';

export const WO_FILTERS = ['open', 'draft', 'completed', 'all'] as const;
export type WoFilter = (typeof WO_FILTERS)[number];

const OPEN = new Set<WorkOrder['status']>(['released', 'in_progress']);

/** Filters and orders work orders the way the floor reads them: most urgent first. */
export function filterWorkOrders(
  docs: readonly WorkOrder[],
  filter: WoFilter,
  search: string,
  partCode: (id: string) => string,
): WorkOrder[] {
  const needle = search.trim().toLowerCase();
  return docs
    .filter((w) => {
      if (filter === 'open' && !OPEN.has(w.status)) return false;
      if (filter === 'draft' && w.status !== 'draft') return false;
      if (filter === 'completed' && w.status !== 'completed' && w.status !== 'cancelled') return false;
      if (!needle) return true;
      return [w.code, w.title, w.customerName, w.poNumber, partCode(w.partId)].some((s) =>
        s.toLowerCase().includes(needle),
      );
    })
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        (a.dueDate || '9999').localeCompare(b.dueDate || '9999') ||
        a.code.localeCompare(b.code),
    );
}
