import type { WorkOrder } from '@printfloor/shared';

export const WO_FILTERS = ['open', 'draft', 'completed', 'all'] as const;
export type WoFilter = (typeof WO_FILTERS)[number];

export const DUE_FILTERS = ['any', 'overdue', 'today', 'week'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export const DUE_LABEL: Record<DueFilter, string> = {
  any: 'Any due date',
  overdue: 'Overdue',
  today: 'Due today',
  week: 'Due in 7 days',
};

export interface WoQuery {
  status: WoFilter;
  due: DueFilter;
  /** Priorities to show; empty: all. */
  priorities: readonly number[];
  search: string;
}

const OPEN = new Set<WorkOrder['status']>(['released', 'in_progress']);

/** `YYYY-MM-DD` of a local date. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function dueMatches(w: WorkOrder, due: DueFilter, today: Date): boolean {
  if (due === 'any') return true;
  if (!w.dueDate) return false;
  const t = isoDay(today);
  if (due === 'overdue') return w.dueDate < t && w.status !== 'completed' && w.status !== 'cancelled';
  if (due === 'today') return w.dueDate === t;
  const week = new Date(today);
  week.setDate(week.getDate() + 7);
  return w.dueDate >= t && w.dueDate <= isoDay(week);
}

function statusMatches(w: WorkOrder, filter: WoFilter): boolean {
  if (filter === 'open') return OPEN.has(w.status);
  if (filter === 'draft') return w.status === 'draft';
  if (filter === 'completed') return w.status === 'completed' || w.status === 'cancelled';
  return true;
}

/** Filters and orders work orders the way the floor reads them: most urgent first. */
export function filterWorkOrders(
  docs: readonly WorkOrder[],
  query: WoQuery,
  partText: (id: string) => string,
  today: Date = new Date(),
): WorkOrder[] {
  const needle = query.search.trim().toLowerCase();
  const prios = new Set(query.priorities);
  return docs
    .filter((w) => {
      if (!statusMatches(w, query.status)) return false;
      if (prios.size > 0 && !prios.has(w.priority)) return false;
      if (!dueMatches(w, query.due, today)) return false;
      if (!needle) return true;
      return [w.code, w.title, w.customerName, w.poNumber, partText(w.partId)].some((s) =>
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
