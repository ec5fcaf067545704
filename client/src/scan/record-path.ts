import type { ScanRecord } from './dispatch.ts';

/**
 * The app route that shows a scanned record (client/src/app/Routes.tsx). A step opens its work
 * order, scrolled to the step. Null when the app has no screen for it.
 */
export function recordPath(r: ScanRecord): string | null {
  const id = encodeURIComponent(r.id);
  switch (r.kind) {
    case 'spool':
      return `/spools/${id}`;
    case 'wo':
      return `/work-orders/${id}`;
    case 'printer':
      return `/printers/${id}`;
    case 'part':
      return `/parts/${id}`;
    case 'person':
      return `/reference/people/${id}`;
    case 'op':
      return r.workOrderId ? `/work-orders/${encodeURIComponent(r.workOrderId)}#op-${id}` : null;
  }
}
