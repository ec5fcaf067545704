import { useMemo, useState, type FormEvent } from 'react';
import { COLLECTIONS, type Operation, type Part, type WorkCenter, type WorkOrder } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { newId } from '../data/ids.ts';
import type { NewMutable } from '../data/writes.ts';
import { operationsFromTemplate, type TemplateStep } from './routing-template.ts';

/** One routing step as the form holds it; `id` is set for a step that already exists. */
export interface StepDraft {
  key: string;
  id: string | null;
  code: string;
  name: string;
  workCenterId: string;
  printerId: string;
  setup: string;
  /** Run minutes per part: the total is this × the quantity, so a new quantity rescales the plan. */
  runPerUnit: string;
  notes: string;
  /** The floor has recorded events on it: it can no longer be removed. */
  locked: boolean;
}

export interface OrderDraft {
  code: string;
  partId: string;
  title: string;
  qty: string;
  dueDate: string;
  priority: string;
  customerName: string;
  poNumber: string;
  notes: string;
}

const num = (s: string) => Number(s.trim().replace(',', '.'));
const round2 = (n: number) => Math.round(n * 100) / 100;

export function stepDraftsFromTemplate(steps: readonly TemplateStep[]): StepDraft[] {
  return steps.map((s) => ({
    key: newId(),
    id: null,
    code: s.code,
    name: s.name,
    workCenterId: s.workCenterId,
    printerId: s.printerId,
    setup: String(s.plannedSetupMinutes),
    runPerUnit: String(s.runMinutesPerUnit),
    notes: s.notes,
    locked: false,
  }));
}

export function stepDraftsFromOperations(ops: readonly Operation[], qty: number, started: ReadonlySet<string>): StepDraft[] {
  return ops.map((op) => ({
    key: op.id,
    id: op.id,
    code: op.code,
    name: op.name,
    workCenterId: op.workCenterId,
    printerId: op.printerId,
    setup: String(op.plannedSetupMinutes),
    runPerUnit: String(round2(op.plannedRunMinutes / Math.max(1, qty))),
    notes: op.notes,
    locked: started.has(op.id),
  }));
}

function toTemplate(d: StepDraft): TemplateStep {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    workCenterId: d.workCenterId,
    printerId: d.printerId,
    plannedSetupMinutes: num(d.setup),
    runMinutesPerUnit: num(d.runPerUnit),
    notes: d.notes,
  };
}

/** Field-level problems of a draft; empty when it can be saved. */
export function draftErrors(d: OrderDraft, steps: readonly StepDraft[]): Map<string, string> {
  const e = new Map<string, string>();
  if (!d.code.trim()) e.set('code', 'a work order needs a code');
  if (!d.partId) e.set('partId', 'pick the part to make');
  const qty = num(d.qty);
  if (!Number.isInteger(qty) || qty < 1) e.set('qty', 'the quantity must be a whole number, 1 or more');
  const prio = num(d.priority);
  if (!Number.isInteger(prio) || prio < 1 || prio > 5) e.set('priority', 'priority runs from 1 (highest) to 5');
  if (d.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(d.dueDate)) e.set('dueDate', 'a date, YYYY-MM-DD');
  if (steps.length === 0) e.set('steps', 'a work order needs at least one step');
  steps.forEach((s, i) => {
    if (!s.name.trim()) e.set('steps', `step ${i + 1} needs a name`);
    for (const v of [s.setup, s.runPerUnit]) {
      const n = num(v);
      if (!(n >= 0) || n > 100_000) e.set('steps', `step ${i + 1}: minutes must be a number from 0`);
    }
  });
  return e;
}

export interface EditorProps {
  mode: 'create' | 'edit';
  initial: OrderDraft;
  initialSteps: StepDraft[];
  /** The order being edited (edit mode). */
  existing?: WorkOrder;
  existingOps?: readonly Operation[];
  parts: readonly Part[];
  workCenters: readonly WorkCenter[];
  printers: readonly { id: string; code: string; name: string }[];
  /** Create mode: the routing a part brings (re-read when the part changes). */
  templateFor?: (partId: string) => { steps: TemplateStep[]; sourceCode: string | null };
  onSaved: (wo: WorkOrder) => void;
}

/** The work order form: header fields and the routing steps (work center, setup, run minutes). */
export function WorkOrderEditor(props: EditorProps) {
  const { client } = useApp();
  const [d, setD] = useState(props.initial);
  const [steps, setSteps] = useState(props.initialSteps);
  const [source, setSource] = useState<string | null>(() =>
    props.templateFor && props.initial.partId ? props.templateFor(props.initial.partId).sourceCode : null,
  );
  const [titleTouched, setTitleTouched] = useState(props.mode === 'edit');
  const [release, setRelease] = useState(false);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const partsById = useMemo(() => new Map(props.parts.map((p) => [p.id, p])), [props.parts]);
  const qty = num(d.qty);
  const totalMinutes = steps.reduce((s, x) => s + num(x.setup) + num(x.runPerUnit) * (qty || 0), 0);

  const autoTitle = (partId: string, q: string) => {
    const p = partsById.get(partId);
    return p ? `${q} × ${p.description || p.code}` : '';
  };
  const set = (k: keyof OrderDraft) => (e: { target: { value: string } }) => {
    const v = e.target.value;
    setD((x) => {
      const next = { ...x, [k]: v };
      if (!titleTouched && (k === 'qty' || k === 'partId')) next.title = autoTitle(next.partId, next.qty);
      return next;
    });
    if (k === 'title') setTitleTouched(true);
    if (k === 'partId' && props.templateFor) {
      const t = props.templateFor(v);
      setSteps(stepDraftsFromTemplate(t.steps));
      setSource(t.sourceCode);
    }
  };
  const setStep = (key: string, k: keyof StepDraft, v: string) =>
    setSteps((list) => list.map((s) => (s.key === key ? { ...s, [k]: v } : s)));
  const move = (i: number, by: -1 | 1) =>
    setSteps((list) => {
      const j = i + by;
      if (j < 0 || j >= list.length) return list;
      const next = [...list];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const errs = draftErrors(d, steps);
    setErrors(errs);
    if (errs.size > 0) return;
    setBusy(true);
    try {
      const wo = props.mode === 'create' ? await create() : await update();
      props.onSaved(wo);
    } catch (e) {
      setErrors(new Map([['form', e instanceof Error ? e.message : String(e)]]));
    } finally {
      setBusy(false);
    }
  };

  const header = () => ({
    code: d.code.trim(),
    partId: d.partId,
    title: d.title.trim(),
    qtyOrdered: qty,
    dueDate: d.dueDate,
    priority: num(d.priority),
    customerName: d.customerName.trim(),
    poNumber: d.poNumber.trim(),
    notes: d.notes,
  });

  async function create(): Promise<WorkOrder> {
    const id = newId();
    const part = partsById.get(d.partId);
    const wo: NewMutable<'work_orders'> = {
      id,
      ...header(),
      qtyCompleted: 0,
      qtyScrapped: 0,
      status: release ? 'released' : 'draft',
      onHold: false,
      lineRef: '',
      materialHint: part?.material ?? '',
      createdAt: new Date().toISOString(),
    };
    const ops = operationsFromTemplate(id, steps.map(toTemplate), qty);
    // Check everything against the shared schemas before the first write: all or nothing.
    COLLECTIONS.work_orders.schema.partial().parse(wo);
    for (const op of ops) COLLECTIONS.operations.schema.partial().parse(op);
    const saved = await client.writer.insert('work_orders', wo);
    for (const op of ops) await client.writer.insert('operations', op);
    return saved;
  }

  async function update(): Promise<WorkOrder> {
    const wo = props.existing!;
    const h = header();
    COLLECTIONS.work_orders.schema.partial().parse(h);
    const changed = Object.fromEntries(Object.entries(h).filter(([k, v]) => wo[k as keyof WorkOrder] !== v));
    if (Object.keys(changed).length > 0) await client.writer.patch('work_orders', wo.id, changed);
    const before = new Map((props.existingOps ?? []).map((o) => [o.id, o]));
    const planned = operationsFromTemplate(wo.id, steps.map(toTemplate), qty);
    const keep = new Set<string>();
    for (const [i, s] of steps.entries()) {
      const p = planned[i]!;
      const old = s.id ? before.get(s.id) : undefined;
      if (!old) {
        await client.writer.insert('operations', p);
        continue;
      }
      keep.add(old.id);
      const fields = { ...p, workOrderId: old.workOrderId };
      // Run minutes are only rewritten when they really changed (per-part rounding aside).
      if (Math.abs(old.plannedRunMinutes - p.plannedRunMinutes) < 0.05) fields.plannedRunMinutes = old.plannedRunMinutes;
      const diff = Object.fromEntries(Object.entries(fields).filter(([k, v]) => old[k as keyof Operation] !== v));
      if (Object.keys(diff).length > 0) await client.writer.patch('operations', old.id, diff);
    }
    for (const old of before.values()) if (!keep.has(old.id)) await client.writer.remove('operations', old.id);
    return { ...wo, ...h };
  }

  const err = (k: string) =>
    errors.get(k) ? (
      <span className="field-error" role="alert">
        {errors.get(k)}
      </span>
    ) : null;
  const field = (k: keyof OrderDraft, label: string, extra: Record<string, string> = {}) => (
    <label className="field">
      {label}
      <input value={d[k]} onChange={set(k)} name={k} {...extra} />
      {err(k)}
    </label>
  );

  return (
    <form className="wo-editor" onSubmit={(e) => void submit(e)} data-testid="wo-editor" noValidate>
      <div className="card form-grid">
        <label className="field">
          Part
          <select value={d.partId} onChange={set('partId')} name="partId" disabled={props.mode === 'edit'}>
            <option value="">Pick a part…</option>
            {[...props.parts]
              .sort((a, b) => a.code.localeCompare(b.code))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} — {p.description}
                </option>
              ))}
          </select>
          {err('partId')}
        </label>
        {field('qty', 'Quantity', { inputMode: 'numeric' })}
        {field('dueDate', 'Due date', { type: 'date' })}
        <label className="field">
          Priority
          <select value={d.priority} onChange={set('priority')} name="priority">
            {[1, 2, 3, 4, 5].map((p) => (
              <option key={p} value={String(p)}>
                P{p}
                {p === 1 ? ' (highest)' : p === 5 ? ' (lowest)' : ''}
              </option>
            ))}
          </select>
          {err('priority')}
        </label>
        {field('customerName', 'Customer')}
        {field('poNumber', 'PO number')}
        {field('code', 'Work order code')}
        {field('title', 'Title')}
      </div>
      <section className="card">
        <div className="manage-head">
          <h2>Routing</h2>
          <span className="muted small" data-testid="routing-source">
            {props.mode === 'create'
              ? source
                ? `Template from ${source} (run minutes per part scale with the quantity)`
                : d.partId
                  ? 'No earlier order of this part: one print step from the part'
                  : ''
              : 'Run minutes per part scale with the quantity'}
          </span>
          <span className="spacer" />
          <span className="muted">
            {steps.length} steps · {Math.round(totalMinutes)} min planned
          </span>
        </div>
        <table className="mtable routing-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Code</th>
              <th>Step</th>
              <th>Work center</th>
              <th>Printer</th>
              <th className="num">Setup min</th>
              <th className="num">Run min / part</th>
              <th className="num">Run total</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => (
              <tr key={s.key} data-testid="routing-step">
                <td>{(i + 1) * 10}</td>
                <td>
                  <input aria-label={`Step ${i + 1} code`} value={s.code} size={6} onChange={(e) => setStep(s.key, 'code', e.target.value)} />
                </td>
                <td>
                  <input aria-label={`Step ${i + 1} name`} value={s.name} onChange={(e) => setStep(s.key, 'name', e.target.value)} />
                </td>
                <td>
                  <select aria-label={`Step ${i + 1} work center`} value={s.workCenterId} onChange={(e) => setStep(s.key, 'workCenterId', e.target.value)}>
                    <option value="">—</option>
                    {props.workCenters.map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select aria-label={`Step ${i + 1} printer`} value={s.printerId} onChange={(e) => setStep(s.key, 'printerId', e.target.value)}>
                    <option value="">Any</option>
                    {props.printers.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.code}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="num">
                  <input aria-label={`Step ${i + 1} setup minutes`} inputMode="decimal" size={5} value={s.setup} onChange={(e) => setStep(s.key, 'setup', e.target.value)} />
                </td>
                <td className="num">
                  <input aria-label={`Step ${i + 1} run minutes per part`} inputMode="decimal" size={5} value={s.runPerUnit} onChange={(e) => setStep(s.key, 'runPerUnit', e.target.value)} />
                </td>
                <td className="num">{Number.isFinite(num(s.runPerUnit) * qty) ? Math.round(num(s.runPerUnit) * qty * 10) / 10 : '—'}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-small" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Remove step ${i + 1}`}
                    title={s.locked ? 'The floor has worked on this step' : 'Remove the step'}
                    disabled={s.locked}
                    onClick={() => setSteps((list) => list.filter((x) => x.key !== s.key))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            setSteps((list) => [
              ...list,
              { key: newId(), id: null, code: `OP${(list.length + 1) * 10}`, name: '', workCenterId: '', printerId: '', setup: '0', runPerUnit: '0', notes: '', locked: false },
            ])
          }
        >
          Add step
        </button>
        {err('steps')}
      </section>
      <label className="field">
        Notes
        <textarea value={d.notes} onChange={set('notes')} rows={2} />
      </label>
      <div className="btn-row">
        {props.mode === 'create' ? (
          <label className="inline-select">
            <input type="checkbox" checked={release} onChange={(e) => setRelease(e.target.checked)} /> Release to the floor now
          </label>
        ) : null}
        <span className="spacer" />
        {err('form')}
        <button className="btn btn-primary" type="submit" disabled={busy} data-testid="wo-save">
          {props.mode === 'create' ? 'Create work order' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
