import { useMemo } from 'react';
import { useLookup, useQuery } from '../hooks/use-query.ts';
import { useNow } from '../hooks/use-now.ts';
import { usePrinterStatuses } from '../printers/use-printer-statuses.ts';
import { buildTiles, type GroupBy, type PrinterTile } from './farm-board.ts';
import { useFloorSteps } from './use-manage-data.ts';

/** The farm board's tiles, live: printer statuses from the stream, spools and steps from RxDB. */
export function useFarmTiles(groupBy: GroupBy): {
  tiles: PrinterTile[];
  connected: boolean;
  loading: boolean;
  now: number;
} {
  const { statuses, connected } = usePrinterStatuses();
  const { docs: printers, loading } = useQuery('printers', {});
  const { docs: spools } = useQuery('spools', { selector: { loadedPrinterId: { $ne: '' } } });
  const workCenters = useLookup('work_centers');
  const floorSteps = useFloorSteps();
  // Re-evaluated every few seconds so a silent printer turns stale without any event.
  const now = useNow(5_000);
  const tiles = useMemo(
    () => buildTiles({ printers, statuses, connected, spools, workCenters, floorSteps, groupBy, now }),
    [printers, statuses, connected, spools, workCenters, floorSteps, groupBy, now],
  );
  return { tiles, connected, loading, now };
}
