import { useState, type FormEvent } from 'react';
import { COLLECTIONS } from '@printfloor/shared';
import { navigate } from '../../app/router.ts';
import { Link } from '../../components/Link.tsx';
import { Swatch } from '../../components/Swatch.tsx';
import { newId } from '../../data/ids.ts';
import type { NewMutable } from '../../data/writes.ts';
import { useFloor, useOperator } from '../../hooks/use-floor.ts';

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

/** Receive a new spool: its document and a `receive` of its net weight in the ledger, at once and offline. */
export function ReceiveSpoolScreen() {
  const { commands } = useFloor();
  const operator = useOperator();
  const [d, setD] = useState<Draft>(() => blankDraft(location.search));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setD((x) => ({ ...x, [k]: e.target.value }));

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
          <Link href="/sign-in?next=%2Fspools%2Fnew">Sign in</Link> first: the ledger records who received it.
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
                onClick={() => setD((x) => ({ ...x, colorHex: h }))}
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
