import { decodeQr, type QrKind, type QrPayload } from '@printfloor/shared';

/**
 * What a scan means, from any source (camera, keyboard wedge, manual entry, deep link): decode the
 * text with the shared codec, look it up through callbacks, and say what the app should do. Data
 * access stays with the caller (RxDB queries on the tablet, fakes in tests): this module only decides.
 *
 * Nothing here writes. Every outcome that is not `open` is a message or an offer the operator must
 * confirm, so a bad scan (noise, another site's URL, a deleted record) changes nothing.
 */

/** A record a scan found. `deleted`: the lookup found a tombstone (or a retired record) under that code. */
export interface ScanRecord {
  kind: QrKind;
  id: string;
  code: string;
  /** What the operator reads: spool "PLA Galaxy Black · SP-0001", printer name, work-order part… */
  title: string;
  deleted?: boolean;
  /** For a step (`op`): its work order, which is where the step is shown. */
  workOrderId?: string;
}

/** Fields a new spool copies from the last spool created with the same EAN (filament box barcode). */
export interface SpoolPrefill {
  material: string;
  colorName: string;
  colorHex: string;
  brand: string;
  diameterMm: number;
  netWeightG: number;
  tareWeightG: number;
}

/** Lookups the dispatcher needs. Codes are passed as decoded; matching case-insensitively is the lookup's call. */
export interface ScanLookups {
  findRecord(kind: QrKind, code: string): Promise<ScanRecord | null>;
  findSpoolBySpoolmanId(spoolmanId: string): Promise<ScanRecord | null>;
  /** The newest spool of this tenant with this EAN, for the create-spool form; null when none. */
  lastSpoolWithEan(ean: string): Promise<SpoolPrefill | null>;
}

export interface ResolveOptions {
  /**
   * Target-first flows accept only some kinds (e.g. "scan the spool to load on this printer":
   * `['spool']`). Anything else gets a message and changes nothing. Default: every kind.
   */
  accept?: readonly QrKind[];
}

export type ScanOutcome =
  /** Open the record (or, in a target-first flow, use it). */
  | { type: 'open'; record: ScanRecord }
  /** A well-formed code nobody uses yet (pre-printed label stock): offer to bind it. */
  | { type: 'unbound'; kind: QrKind; code: string; message: string }
  /** Offer to create a spool from a filament box's EAN, pre-filled when one was seen before. */
  | { type: 'create-spool'; ean: string; prefill: SpoolPrefill | null; message: string }
  /** Nothing to do: the message says why. */
  | { type: 'message'; tone: 'error' | 'warning'; message: string; reason: MessageReason };

export type MessageReason =
  'invalid' | 'deleted' | 'not-found' | 'wrong-kind' | 'unknown-spoolman' | 'lookup-failed';

export const KIND_LABEL: Record<QrKind, string> = {
  spool: 'spool',
  part: 'part',
  wo: 'work order',
  printer: 'printer',
  op: 'work-order step',
  person: 'badge',
};

/** Kinds whose codes come on pre-printed label stock; a step (`op`) code is an id, never pre-printed. */
const BINDABLE: ReadonlySet<QrKind> = new Set(['spool', 'part', 'wo', 'printer', 'person']);

/** Decodes and resolves scanned text. Never throws: a failing lookup becomes a message. */
export async function resolveScan(
  text: string,
  lookups: ScanLookups,
  opts: ResolveOptions = {},
): Promise<ScanOutcome> {
  return resolvePayload(decodeQr(text), lookups, opts);
}

export async function resolvePayload(
  payload: QrPayload,
  lookups: ScanLookups,
  opts: ResolveOptions = {},
): Promise<ScanOutcome> {
  try {
    return await resolveDecoded(payload, lookups, opts);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return message(
      'lookup-failed',
      'error',
      `Could not look up the scanned code: ${detail}. Nothing was changed.`,
    );
  }
}

async function resolveDecoded(
  payload: QrPayload,
  lookups: ScanLookups,
  opts: ResolveOptions,
): Promise<ScanOutcome> {
  switch (payload.type) {
    case 'invalid':
      return message('invalid', 'error', `Not a label this app knows: ${payload.reason}.`);
    case 'record': {
      const wrong = checkKind(payload.kind, opts);
      if (wrong) return wrong;
      return found(await lookups.findRecord(payload.kind, payload.code), payload.kind, payload.code);
    }
    case 'spoolman': {
      const wrong = checkKind('spool', opts);
      if (wrong) return wrong;
      const record = await lookups.findSpoolBySpoolmanId(payload.spoolmanId);
      if (record === null) {
        return message(
          'unknown-spoolman',
          'warning',
          `No spool here has Spoolman id ${payload.spoolmanId}. Set it on the spool to use this label.`,
        );
      }
      return found(record, 'spool', `Spoolman #${payload.spoolmanId}`);
    }
    case 'ean': {
      const wrong = checkKind('spool', opts);
      if (wrong) return wrong;
      const prefill = await lookups.lastSpoolWithEan(payload.ean);
      return {
        type: 'create-spool',
        ean: payload.ean,
        prefill,
        message: prefill
          ? `Filament box ${payload.ean}: create a spool like the last one (${prefill.brand} ${prefill.material} ${prefill.colorName})?`
          : `Filament box ${payload.ean}: not seen before. Create a spool for it?`,
      };
    }
  }
}

function found(record: ScanRecord | null, kind: QrKind, code: string): ScanOutcome {
  const label = KIND_LABEL[kind];
  if (record === null) {
    if (!BINDABLE.has(kind))
      return message('not-found', 'warning', `No ${label} ${code} on this tablet (yet).`);
    return { type: 'unbound', kind, code, message: `Label ${code} is not used yet. Bind it to a ${label}?` };
  }
  if (record.deleted === true) {
    return message(
      'deleted',
      'warning',
      `${capitalise(label)} ${record.code} was deleted. Nothing was changed.`,
    );
  }
  return { type: 'open', record };
}

function checkKind(kind: QrKind, opts: ResolveOptions): ScanOutcome | null {
  if (!opts.accept || opts.accept.includes(kind)) return null;
  const wanted = opts.accept.map((k) => KIND_LABEL[k]).join(' or ');
  return message('wrong-kind', 'warning', `That is a ${KIND_LABEL[kind]} label; scan a ${wanted} here.`);
}

function message(reason: MessageReason, tone: 'error' | 'warning', text: string): ScanOutcome {
  return { type: 'message', tone, message: text, reason };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What the app does with an outcome; `dispatchScan` calls exactly one of these. */
export interface ScanActions {
  open(record: ScanRecord): void;
  offerBind(kind: QrKind, code: string, message: string): void;
  offerCreateSpool(ean: string, prefill: SpoolPrefill | null, message: string): void;
  notify(message: string, tone: 'error' | 'warning'): void;
}

export function applyOutcome(outcome: ScanOutcome, actions: ScanActions): void {
  switch (outcome.type) {
    case 'open':
      actions.open(outcome.record);
      return;
    case 'unbound':
      actions.offerBind(outcome.kind, outcome.code, outcome.message);
      return;
    case 'create-spool':
      actions.offerCreateSpool(outcome.ean, outcome.prefill, outcome.message);
      return;
    case 'message':
      actions.notify(outcome.message, outcome.tone);
      return;
  }
}

/** Resolve then act: the one call a scan handler needs. Returns the outcome for logging and tests. */
export async function dispatchScan(
  text: string,
  lookups: ScanLookups,
  actions: ScanActions,
  opts: ResolveOptions = {},
): Promise<ScanOutcome> {
  const outcome = await resolveScan(text, lookups, opts);
  applyOutcome(outcome, actions);
  return outcome;
}

/** A short name for what was scanned, for the scanner's "last scan" line. */
export function payloadLabel(p: QrPayload): string {
  switch (p.type) {
    case 'record':
      return p.code;
    case 'spoolman':
      return `Spoolman #${p.spoolmanId}`;
    case 'ean':
      return `EAN ${p.ean}`;
    case 'invalid':
      return 'Unknown code';
  }
}
