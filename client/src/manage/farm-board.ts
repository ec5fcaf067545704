import type { Printer, PrinterState, PrinterStatus, Spool, WorkCenter } from '@printfloor/shared';

/**
 * The live farm board's model (pure): one tile per active printer with its live status, the
 * colours of the spools RxDB says are loaded on it, the floor step running on it, and how fresh
 * the status is. Nothing old is shown as live: a status is `stale` once the relay has not heard
 * from the printer for `staleAfterMs`, and everything is `stale` while the stream is down.
 */
export type Freshness = 'live' | 'stale' | 'offline' | 'unknown';

export interface FloorStep {
  printerId: string;
  workOrderCode: string;
  operationName: string;
  status: 'running' | 'paused';
}

export interface PrinterTile {
  printer: Printer;
  status: PrinterStatus | null;
  state: PrinterState;
  freshness: Freshness;
  /** Seconds since the relay last heard from the printer (null = never). */
  silentForS: number | null;
  loaded: { slot: string; colorHex: string; material: string; code: string }[];
  floorStep: FloorStep | null;
  group: string;
}

export type GroupBy = 'location' | 'work_center';
export const STALE_AFTER_MS = 60_000;

export function freshness(
  status: PrinterStatus | null,
  connected: boolean,
  now: number,
  staleAfterMs = STALE_AFTER_MS,
): Freshness {
  if (!status || status.lastSeen === null) return 'unknown';
  if (status.state === 'offline') return 'offline';
  if (!connected) return 'stale';
  const seen = Date.parse(status.lastSeen);
  return Number.isNaN(seen) || now - seen > staleAfterMs ? 'stale' : 'live';
}

export interface BoardInput {
  printers: readonly Printer[];
  statuses: ReadonlyMap<string, PrinterStatus>;
  connected: boolean;
  spools: readonly Spool[];
  workCenters: ReadonlyMap<string, WorkCenter>;
  floorSteps: readonly FloorStep[];
  groupBy: GroupBy;
  now: number;
}

export function buildTiles(i: BoardInput): PrinterTile[] {
  const loadedBy = new Map<string, PrinterTile['loaded']>();
  for (const s of i.spools) {
    if (!s.loadedPrinterId || s.status !== 'active') continue;
    const list = loadedBy.get(s.loadedPrinterId) ?? [];
    list.push({ slot: s.loadedSlot, colorHex: s.colorHex, material: s.material, code: s.code });
    loadedBy.set(s.loadedPrinterId, list);
  }
  const stepBy = new Map(i.floorSteps.map((f) => [f.printerId, f]));
  return i.printers
    .filter((p) => p.active)
    .map((printer) => {
      const status = i.statuses.get(printer.code) ?? null;
      const f = freshness(status, i.connected, i.now);
      const seen = status?.lastSeen ? Date.parse(status.lastSeen) : NaN;
      return {
        printer,
        status,
        state: status?.state ?? 'offline',
        freshness: f,
        silentForS: Number.isNaN(seen) ? null : Math.max(0, Math.round((i.now - seen) / 1000)),
        loaded: (loadedBy.get(printer.id) ?? []).sort((a, b) => a.slot.localeCompare(b.slot)),
        floorStep: stepBy.get(printer.id) ?? null,
        group:
          i.groupBy === 'location'
            ? printer.location || 'No location'
            : (i.workCenters.get(printer.workCenterId)?.name ?? 'No work center'),
      };
    })
    .sort((a, b) => a.group.localeCompare(b.group) || a.printer.code.localeCompare(b.printer.code));
}

export function groupTiles(tiles: readonly PrinterTile[]): [string, PrinterTile[]][] {
  const out = new Map<string, PrinterTile[]>();
  for (const t of tiles) out.set(t.group, [...(out.get(t.group) ?? []), t]);
  return [...out];
}

/** Counts per state for the filter chips (stale ones count under their last known state). */
export function stateCounts(tiles: readonly PrinterTile[]): Map<PrinterState, number> {
  const out = new Map<PrinterState, number>();
  for (const t of tiles) out.set(t.state, (out.get(t.state) ?? 0) + 1);
  return out;
}
