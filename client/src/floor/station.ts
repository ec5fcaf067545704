import { type KeyValue, Observed, readJson } from './key-value.ts';

/**
 * The station a tablet is bound to (issue 3): a printer, or a work center (a post-processing,
 * assembly or QC bench). It decides which steps the home screen queues and is shown on every
 * screen. Per device and per tenant; never replicated (another tablet has its own station).
 */
export type StationKind = 'printer' | 'work_center';

export interface StationRef {
  kind: StationKind;
  /** The printer's or work center's document id. */
  id: string;
  /** Device time it was bound (ISO), shown in settings. */
  boundAt: string;
}

function isStation(v: unknown): v is StationRef {
  const s = v as Partial<StationRef> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    (s.kind === 'printer' || s.kind === 'work_center') &&
    typeof s.id === 'string' &&
    s.id !== '' &&
    typeof s.boundAt === 'string'
  );
}

export class StationStore {
  private readonly key: string;
  readonly state: Observed<StationRef | null>;

  constructor(
    private readonly kv: KeyValue,
    tenantSlug: string,
  ) {
    this.key = `printfloor.station.v1.${tenantSlug}`;
    this.state = new Observed(readJson<StationRef | null>(kv, this.key, null, isStation));
  }

  get(): StationRef | null {
    return this.state.get();
  }

  bind(kind: StationKind, id: string, now: Date = new Date()): StationRef {
    if (id === '') throw new Error('a station needs a printer or a work center');
    const ref: StationRef = { kind, id, boundAt: now.toISOString() };
    this.kv.set(this.key, JSON.stringify(ref));
    this.state.set(ref);
    return ref;
  }

  clear(): void {
    this.kv.remove(this.key);
    this.state.set(null);
  }

  /** Another tab of this app changed the binding (the browser's `storage` event). */
  reload(): void {
    const next = readJson<StationRef | null>(this.kv, this.key, null, isStation);
    const cur = this.state.get();
    if (JSON.stringify(next) !== JSON.stringify(cur)) this.state.set(next);
  }
}
