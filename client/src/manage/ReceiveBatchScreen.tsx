import { useMemo, useState, type FormEvent } from 'react';
import { COLLECTIONS, type Spool } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { Link } from '../components/Link.tsx';
import { toast } from '../components/Toast.tsx';
import { receiveSpool } from '../data/spool-commands.ts';
import type { NewMutable } from '../data/writes.ts';
import { LabelPrintDialog } from '../labels/LabelPrintDialog.tsx';
import { spoolLabel } from '../labels/label-items.ts';
import { newSpoolCode } from '../screens/spools/ReceiveSpoolScreen.tsx';
import { FieldError, FormField } from './FormField.tsx';

/** The most spools one purchase may bring in one go (a pallet is a few dozen; a typo of 5000 is not a purchase). */
export const MAX_BATCH = 200;

type Draft = Record<
  | 'material'
  | 'colorName'
  | 'colorHex'
  | 'brand'
  | 'diameterMm'
  | 'netWeightG'
  | 'tareWeightG'
  | 'count'
  | 'lot'
  | 'location',
  string
>;

const num = (s: string) => Number(s.trim().replace(',', '.'));

/** The spool documents of a purchase: N alike but for their codes, or the errors that stop it. */
export function batchSpools(
  d: Draft,
  codes: readonly string[],
  receivedAt: string,
): { spools: NewMutable<'spools'>[]; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const count = num(d.count);
  if (!Number.isInteger(count) || count < 1 || count > MAX_BATCH)
    errors.set('count', `how many spools: a whole number from 1 to ${MAX_BATCH}`);
  if (!(num(d.netWeightG) > 0)) errors.set('netWeightG', 'the net weight must be more than 0 g');
  if (!(num(d.tareWeightG) >= 0)) errors.set('tareWeightG', 'the empty spool weighs 0 g or more');
  if (!d.material.trim()) errors.set('material', 'which material');
  const base: Omit<NewMutable<'spools'>, 'code'> = {
    material: d.material.trim(),
    colorName: d.colorName.trim(),
    colorHex: d.colorHex.toUpperCase(),
    brand: d.brand.trim(),
    diameterMm: num(d.diameterMm),
    netWeightG: num(d.netWeightG),
    tareWeightG: num(d.tareWeightG),
    lot: d.lot.trim(),
    location: d.location.trim(),
    status: 'active',
    loadedPrinterId: '',
    loadedSlot: '',
    spoolmanId: null,
    ean: null,
    receivedAt,
    notes: '',
  };
  const parsed = COLLECTIONS.spools.schema.partial().safeParse({ ...base, code: codes[0] ?? 'SP-X' });
  if (!parsed.success)
    for (const i of parsed.error.issues)
      if (!errors.has(String(i.path[0]))) errors.set(String(i.path[0]), i.message);
  if (errors.size > 0) return { spools: [], errors };
  return { spools: codes.slice(0, count).map((code) => ({ ...base, code })), errors };
}

/**
 * /manage/receive: a purchase of spools in one go — N spools alike (material, colour, brand, net
 * and tare weight, lot, location), each with its own code and a `receive` of its net weight in
 * the ledger, written locally at once; then their labels, printed through the label sheets.
 */
export function ReceiveBatchScreen() {
  const { client } = useApp();
  const [d, setD] = useState<Draft>({
    material: 'PLA',
    colorName: '',
    colorHex: '#8C8C8C',
    brand: '',
    diameterMm: '1.75',
    netWeightG: '1000',
    tareWeightG: '250',
    count: '10',
    lot: '',
    location: '',
  });
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Spool[]>([]);
  const [progress, setProgress] = useState(0);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setD((x) => ({ ...x, [k]: e.target.value }));
  const labels = useMemo(() => done.map(spoolLabel), [done]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const count = Math.min(MAX_BATCH, Math.max(0, Math.floor(num(d.count)) || 0));
    const codes = Array.from({ length: count }, () => newSpoolCode());
    const { spools, errors: errs } = batchSpools(d, codes, new Date().toISOString().slice(0, 10));
    setErrors(errs);
    if (errs.size > 0) return;
    setBusy(true);
    setProgress(0);
    const made: Spool[] = [];
    try {
      for (const s of spools) {
        made.push((await receiveSpool(client.writer, s)).spool);
        setProgress(made.length);
      }
      toast(`${made.length} spools received`);
    } catch (err) {
      toast(`Stopped after ${made.length} spools: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
      setDone(made);
    }
  };

  const err = (k: string) => <FieldError message={errors.get(k)} />;
  const field = (k: keyof Draft, label: string, extra: Record<string, string> = {}) => (
    <FormField name={k} label={label} value={d[k]} onChange={set(k)} error={errors.get(k)} extra={extra} />
  );

  return (
    <div className="manage-page receive-batch" data-testid="receive-batch">
      <div className="manage-head">
        <h1>Receive a purchase</h1>
        <span className="muted">N spools alike, each with its own code and label</span>
        <span className="spacer" />
        <Link className="btn" href="/manage/inventory">
          Back to inventory
        </Link>
      </div>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          {field('material', 'Material')}
          {field('brand', 'Brand')}
          {field('colorName', 'Colour name')}
          <label className="field">
            Colour
            <span className="color-row">
              <input type="color" aria-label="Colour" value={d.colorHex} onChange={set('colorHex')} />
              <span className="muted small">{d.colorHex.toUpperCase()}</span>
            </span>
            {err('colorHex')}
          </label>
          {field('netWeightG', 'Net weight per spool (g)', { inputMode: 'decimal' })}
          {field('tareWeightG', 'Empty spool (tare, g)', { inputMode: 'decimal' })}
          {field('diameterMm', 'Diameter (mm)', { inputMode: 'decimal' })}
          {field('count', 'How many spools', { inputMode: 'numeric' })}
          {field('lot', 'Lot')}
          {field('location', 'Location (shelf, dry box)')}
        </div>
        <div className="btn-row">
          <span className="muted">
            {Number.isInteger(num(d.count)) && num(d.count) > 0
              ? `${num(d.count)} × ${num(d.netWeightG) || 0} g = ${((num(d.count) * num(d.netWeightG)) / 1000).toLocaleString()} kg of ${d.material} ${d.colorName}`
              : ''}
          </span>
          <span className="spacer" />
          <button
            className="btn btn-primary"
            type="submit"
            disabled={busy}
            data-testid="receive-batch-submit"
          >
            {busy ? `Receiving… ${progress}` : 'Receive spools'}
          </button>
        </div>
      </form>
      {done.length > 0 ? (
        <section className="card receive-done" data-testid="receive-batch-done">
          <h2>
            {done.length} spools received{done[0]?.lot ? ` · lot ${done[0].lot}` : ''}
          </h2>
          <p className="codes">
            {done.map((s) => (
              <Link
                key={s.id}
                href={`/spools/${encodeURIComponent(s.id)}`}
                className="code-chip"
                data-testid="received-spool"
              >
                {s.code}
              </Link>
            ))}
          </p>
          <LabelPrintDialog items={labels} />
        </section>
      ) : null}
    </div>
  );
}
