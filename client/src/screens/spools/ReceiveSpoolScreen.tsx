import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { COLLECTIONS } from '@printfloor/shared';
import { useApp } from '../../app/client-context.ts';
import { navigate, useSearch } from '../../app/router.ts';
import { Link } from '../../components/Link.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { newId } from '../../data/ids.ts';
import type { NewMutable } from '../../data/writes.ts';
import { useFloor, useOperator } from '../../hooks/use-floor.ts';
import type { SpoolPrefill } from '../../scan/dispatch.ts';
import { createRxScanLookups } from '../../scan/rx-lookups.ts';

/** A spool code made offline without colliding with another tablet's: `SP-` and 6 unambiguous characters. */
export function newSpoolCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const hex = newId().replace(/-/g, '');
  let out = '';
  for (let i = 0; i < 6; i++) out += alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return `SP-${out}`;
}

const PRESETS = ['#000000', '#FFFFFF', '#8C8C8C', '#C8102E', '#F27A1A', '#F7D117', '#00AE42', '#0A2CA5'];

type Draft = Record<
  | 'code'
  | 'material'
  | 'colorName'
  | 'colorHex'
  | 'brand'
  | 'diameterMm'
  | 'netWeightG'
  | 'tareWeightG'
  | 'lot'
  | 'location'
  | 'ean',
  string
>;

function blankDraft(search: string): Draft {
  const p = new URLSearchParams(search);
  const g = (k: string, d: string) => p.get(k) ?? d;
  return {
    code: g('code', newSpoolCode()),
    material: g('material', 'PLA'),
    colorName: g('colorName', ''),
    colorHex: g('colorHex', '#8C8C8C'),
    brand: g('brand', ''),
    diameterMm: g('diameterMm', '1.75'),
    netWeightG: g('netWeightG', '1000'),
    tareWeightG: g('tareWeightG', '250'),
    lot: '',
    location: '',
    ean: g('ean', ''),
  };
}

/** The draft fields a filament box's EAN fills in from the last spool received with it. */
const PREFILLED: readonly (keyof SpoolPrefill & keyof Draft)[] = [
  'material',
  'colorName',
  'colorHex',
  'brand',
  'diameterMm',
  'netWeightG',
  'tareWeightG',
];

/**
 * `?ean=<digits>` (a filament box scanned, issue 4): the newest spool of this tenant with that EAN
 * pre-fills material, colour, brand, diameter and weights, for fields the operator has not touched
 * (the lookup is local, but the form is on screen before it answers). Returns what it used.
 */
function useEanPrefill(
  ean: string,
  setD: (f: (d: Draft) => Draft) => void,
  touched: RefObject<Set<keyof Draft>>,
): SpoolPrefill | null | undefined {
  const { client } = useApp();
  const lookups = useMemo(() => createRxScanLookups(client.db), [client]);
  const [prefill, setPrefill] = useState<SpoolPrefill | null | undefined>(ean ? undefined : null);
  useEffect(() => {
    if (!ean) return;
    let live = true;
    lookups.lastSpoolWithEan(ean).then(
      (p) => {
        if (!live) return;
        setPrefill(p);
        if (!p) return;
        setD((d) => {
          const next = { ...d };
          for (const k of PREFILLED) if (!touched.current.has(k)) next[k] = String(p[k]);
          return next;
        });
      },
      () => live && setPrefill(null),
    );
    return () => {
      live = false;
    };
  }, [ean, lookups, setD, touched]);
  return prefill;
}

/**
 * Receive a new spool: its document and a `receive` of its net weight in the ledger, at once and
 * offline. `?code=` carries a scanned label's code, `?ean=` a filament box's barcode (pre-fill).
 * A new query string (another scan while the form is open) starts a fresh form.
 */
export function ReceiveSpoolScreen() {
  const search = useSearch();
  return <ReceiveSpoolForm key={search} search={search} />;
}

function ReceiveSpoolForm({ search }: { search: string }) {
  const { commands } = useFloor();
  const operator = useOperator();
  const [d, setD] = useState<Draft>(() => blankDraft(search));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const touched = useRef(new Set<keyof Draft>());
  const prefill = useEanPrefill(new URLSearchParams(search).get('ean') ?? '', setD, touched);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    touched.current.add(k);
    setD((x) => ({ ...x, [k]: e.target.value }));
  };

  const fields: NewMutable<'spools'> = {
    code: d.code.trim(),
    material: d.material.trim(),
    colorName: d.colorName.trim(),
    colorHex: d.colorHex.toUpperCase(),
    brand: d.brand.trim(),
    diameterMm: Number(d.diameterMm.replace(',', '.')),
    netWeightG: Number(d.netWeightG.replace(',', '.')),
    tareWeightG: Number(d.tareWeightG.replace(',', '.')),
    lot: d.lot.trim(),
    location: d.location.trim(),
    status: 'active',
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: d.ean.trim() || null,
    receivedAt: new Date().toISOString().slice(0, 10),
    notes: '',
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = COLLECTIONS.spools.schema.partial().safeParse(fields);
    const errs = new Map<string, string>();
    if (!parsed.success) for (const i of parsed.error.issues) errs.set(String(i.path[0]), i.message);
    if (!(fields.netWeightG > 0)) errs.set('netWeightG', 'the net weight must be more than 0 g');
    setErrors(errs);
    if (errs.size > 0) return;
    setBusy(true);
    try {
      const spool = await commands.receiveSpool(fields);
      navigate(`/spools/${encodeURIComponent(spool.id)}`, { replace: true });
    } finally {
      setBusy(false);
    }
  };

  if (!operator.personId) {
    return (
      <div className="page">
        <h1>Receive a spool</h1>
        <p className="notice">
          <Link href={`/sign-in?next=${encodeURIComponent(`/spools/new${search}`)}`}>Sign in</Link> first: the
          ledger records who received it.
        </p>
      </div>
    );
  }

  const input = (k: keyof Draft, label: string, mode?: 'decimal') => (
    <label className="field">
      {label}
      <input value={d[k]} onChange={set(k)} inputMode={mode} />
      {errors.get(k) ? <span className="field-error">{errors.get(k)}</span> : null}
    </label>
  );
  return (
    <form className="page" onSubmit={(e) => void submit(e)} data-testid="receive-form">
      <div className="page-head">
        <Link className="btn" href="/spools">
          ← Spools
        </Link>
        <h1>Receive a spool</h1>
      </div>
      {d.ean ? (
        <p
          className="notice"
          data-testid="ean-prefill"
          data-state={prefill === undefined ? 'looking' : prefill ? 'found' : 'none'}
        >
          {prefill === undefined
            ? `Looking up box ${d.ean}…`
            : prefill
              ? `Filled in from the last spool received with box ${d.ean}: check the colour and weights.`
              : `Box ${d.ean} was not seen before: fill in the spool once; the next box fills itself in.`}
        </p>
      ) : null}
      <div className="card form-grid">
        {input('code', 'Code (from the label)')}
        {input('material', 'Material')}
        {input('brand', 'Brand')}
        {input('colorName', 'Colour name')}
        <div className="field">
          Colour
          <div className="swatch-picker">
            <input type="color" aria-label="Colour" value={d.colorHex} onChange={set('colorHex')} />
            {PRESETS.map((h) => (
              <button
                type="button"
                key={h}
                className="swatch-btn"
                aria-label={`colour ${h}`}
                aria-pressed={d.colorHex.toUpperCase() === h}
                onClick={() => {
                  touched.current.add('colorHex');
                  setD((x) => ({ ...x, colorHex: h }));
                }}
              >
                <Swatch hex={h} size={36} />
              </button>
            ))}
          </div>
        </div>
        {input('netWeightG', 'Net filament weight (g)', 'decimal')}
        {input('tareWeightG', 'Empty spool weight (g)', 'decimal')}
        {input('diameterMm', 'Diameter (mm)', 'decimal')}
        {input('lot', 'Lot')}
        {input('location', 'Location (shelf, dry box)')}
        {input('ean', 'EAN (box barcode)')}
      </div>
      <button className="btn btn-primary btn-big" type="submit" disabled={busy}>
        Receive {fields.code || 'spool'}
      </button>
    </form>
  );
}
