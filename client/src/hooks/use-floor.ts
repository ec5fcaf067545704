import { useMemo, useSyncExternalStore } from 'react';
import { isLead, type Person, type Printer, type Role, type WorkCenter } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import type { FloorServices } from '../floor/services.ts';
import type { OperatorSnapshot } from '../floor/operator-session.ts';
import type { StationRef } from '../floor/station.ts';
import { buildStationView, type FloorWorkOrder, type StationView } from '../floor/station-view.ts';
import { useDoc, useLookup } from './use-query.ts';

export function useFloor(): FloorServices {
  return useApp().floor;
}

/** Re-renders whenever the floor index changes; `-1` while it loads. */
export function useFloorVersion(): number {
  const { index } = useFloor();
  return useSyncExternalStore(index.version.subscribe, index.version.get);
}

export function useStationRef(): StationRef | null {
  const { station } = useFloor();
  return useSyncExternalStore(station.state.subscribe, station.state.get);
}

/** The bound station with its printer or work center document (undefined while loading). */
export interface StationInfo {
  ref: StationRef;
  printer: Printer | null;
  workCenter: WorkCenter | null;
  /** "PR-003 · X1C Charlie" or "Post-processing bench". */
  label: string;
}

export function useStation(): StationInfo | null {
  const ref = useStationRef();
  const printer = useDoc('printers', ref?.kind === 'printer' ? ref.id : '');
  const centers = useLookup('work_centers');
  if (!ref) return null;
  const p = ref.kind === 'printer' ? (printer ?? null) : null;
  const wc =
    ref.kind === 'work_center'
      ? (centers.get(ref.id) ?? null)
      : p
        ? (centers.get(p.workCenterId) ?? null)
        : null;
  const label =
    ref.kind === 'printer'
      ? p
        ? `${p.code} · ${p.name}`
        : printer === undefined
          ? 'Loading…'
          : 'Unknown printer'
      : (wc?.name ?? (centers.size === 0 ? 'Loading…' : 'Unknown work center'));
  return { ref, printer: p, workCenter: wc, label };
}

/** Who is signed in, as a person document with a role (operator when the record has not synced). */
export interface OperatorInfo {
  snapshot: OperatorSnapshot;
  person: Person | null;
  personId: string;
  role: Role;
  lead: boolean;
  name: string;
}

export function useOperator(): OperatorInfo {
  const { operators } = useFloor();
  const snapshot = useSyncExternalStore(operators.state.subscribe, operators.state.get);
  const people = useLookup('people');
  const personId = snapshot.current?.personId ?? '';
  const person = personId ? (people.get(personId) ?? null) : null;
  const role: Role = person?.role ?? 'operator';
  return {
    snapshot,
    person,
    personId,
    role,
    lead: person !== null && isLead(role),
    name: person?.displayName ?? (personId ? 'Unknown person' : ''),
  };
}

/** Why the floor index could not load, or null. */
export function useFloorFailure(): string | null {
  const { index } = useFloor();
  return useSyncExternalStore(index.failure.subscribe, index.failure.get);
}

/** The station view, recomputed when the floor index changes. */
export function useStationView(station: StationInfo | null): { view: StationView | null; loading: boolean } {
  const { index } = useFloor();
  const version = useFloorVersion();
  const printerWc = station?.printer?.workCenterId ?? '';
  const ref = station?.ref;
  const view = useMemo(() => {
    if (!ref || version < 0) return null;
    const candidates: FloorWorkOrder[] =
      ref.kind === 'printer'
        ? index.workOrdersAt({ printerId: ref.id, workCenterId: printerWc })
        : index.workOrdersAt({ workCenterId: ref.id });
    return buildStationView(candidates, ref, printerWc);
    // `version` is the index's change counter: the index itself is mutable.
  }, [index, ref?.kind, ref?.id, printerWc, version]);
  return { view, loading: version < 0 };
}

/** One work order from the floor index (null: not on this tablet; undefined: still loading). */
export function useFloorWorkOrder(id: string): FloorWorkOrder | null | undefined {
  const { index } = useFloor();
  const version = useFloorVersion();
  return useMemo(() => (version < 0 ? undefined : index.workOrder(id)), [index, id, version]);
}
