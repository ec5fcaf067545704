import { useMemo, useState, type FormEvent } from 'react';
import { COLLECTIONS, type Operation, type Part, type WorkCenter, type WorkOrder } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { Link } from '../components/Link.tsx';
import { toast } from '../components/Toast.tsx';
import { newId } from '../data/ids.ts';
import type { NewMutable } from '../data/writes.ts';
import {
  operationsFromTemplate,
  sameSteps,
  templateSourceLabel,
  type TemplateSource,
  type TemplateStep,
} from './routing-template.ts';
import {
  num,
  stepDraftsFromTemplate,
  stepsError,
  toTemplateStep,
  type StepDraft,
} from './routing-step-drafts.ts';
import { RoutingStepsTable } from './RoutingStepsTable.tsx';
import { FieldError, FormField } from './FormField.tsx';

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

/**
 * Field-level problems of a draft; empty when it can be saved. `taken`: the codes of the other work orders this device knows. A code already in use is refused
 * when it is new or changed; an order that arrived with a duplicate (two managers offline picked
 * the same next number) keeps saving until someone renames it.
 */
export function draftErrors(
  d: OrderDraft,
  steps: readonly StepDraft[],
  taken: ReadonlySet<string> = new Set(),
  originalCode: string | null = null,
): Map<string, string> {
  const e = new Map<string, string>();
  const code = d.code.trim();
  if (!code) e.set('code', 'a work order needs a code');
  else if (taken.has(code) && code !== originalCode) e.set('code', `${code} is taken by another work order`);
  if (!d.partId) e.set('partId', 'pick the part to make');
  const qty = num(d.qty);
  if (!Number.isInteger(qty) || qty < 1) e.set('qty', 'the quantity must be a whole number, 1 or more');
  const prio = num(d.priority);
  if (!Number.isInteger(prio) || prio < 1 || prio > 5)
    e.set('priority', 'priority runs from 1 (highest) to 5');
  if (d.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(d.dueDate)) e.set('dueDate', 'a date, YYYY-MM-DD');
  const stepErr = stepsError(steps);
  if (stepErr) e.set('steps', stepErr);
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
  /** Codes of the other work orders on this device (refused for a new or renamed order). */
  takenCodes?: ReadonlySet<string>;
  /** Create mode: the routing a part brings (re-read when the part changes). */
  templateFor?: (partId: string) => { steps: TemplateStep[]; source: TemplateSource | null };
  onSaved: (wo: WorkOrder) => void;
}

/** The work order form: header fields and the routing steps (work center, setup, run minutes). */
export function WorkOrderEditor(props: EditorProps) {
  const { client } = useApp();
  const [d, setD] = useState(props.initial);
  const [steps, setSteps] = useState(props.initialSteps);
  const [source, setSource] = useState<TemplateSource | null>(() =>
    props.templateFor && props.initial.partId ? props.templateFor(props.initial.partId).source : null,
  );
  const [savingTemplate, setSavingTemplate] = useState(false);
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
      setSource(t.source);
    }
  };
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const errs = draftErrors(d, steps, props.takenCodes, props.existing?.code ?? null);
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
    const ops = operationsFromTemplate(id, steps.map(toTemplateStep), qty);
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
    const planned = operationsFromTemplate(wo.id, steps.map(toTemplateStep), qty);
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
      if (Math.abs(old.plannedRunMinutes - p.plannedRunMinutes) < 0.05)
        fields.plannedRunMinutes = old.plannedRunMinutes;
      const diff = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => old[k as keyof Operation] !== v),
      );
      if (Object.keys(diff).length > 0) await client.writer.patch('operations', old.id, diff);
    }
    for (const old of before.values())
      if (!keep.has(old.id)) await client.writer.remove('operations', old.id);
    return { ...wo, ...h };
  }

  const part = partsById.get(d.partId);
  const templateSaved =
    part !== undefined && part.routing.length > 0 && sameSteps(part.routing, steps.map(toTemplateStep));

  /** Writes the form's steps onto the part (the normal replicated write: it syncs like any edit). */
  async function saveAsTemplate(): Promise<void> {
    if (!part) return;
    const stepErr = stepsError(steps);
    setErrors(stepErr ? new Map([['template', stepErr]]) : new Map());
    if (stepErr) return;
    setSavingTemplate(true);
    try {
      const routing = steps.map(toTemplateStep);
      COLLECTIONS.parts.schema.shape.routing.parse(routing);
      await client.writer.patch('parts', part.id, { routing });
      toast(`${part.code}: routing template saved (${routing.length} steps)`);
      if (props.mode === 'create') setSource({ kind: 'part' });
    } catch (e) {
      setErrors(new Map([['template', e instanceof Error ? e.message : String(e)]]));
    } finally {
      setSavingTemplate(false);
    }
  }

  const err = (k: string) => <FieldError message={errors.get(k)} />;
  const field = (k: keyof OrderDraft, label: string, extra: Record<string, string> = {}) => (
    <FormField name={k} label={label} value={d[k]} onChange={set(k)} error={errors.get(k)} extra={extra} />
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
          <span className="muted small routing-source" data-testid="routing-source">
            {props.mode === 'create' && source
              ? `${templateSourceLabel(source)} · run minutes per part scale with the quantity`
              : 'Run minutes per part scale with the quantity'}
          </span>
          <span className="spacer" />
          <span className="muted">
            {steps.length} steps · {Math.round(totalMinutes)} min planned
          </span>
        </div>
        <RoutingStepsTable
          steps={steps}
          setSteps={setSteps}
          workCenters={props.workCenters}
          printers={props.printers}
          qty={Number.isFinite(qty) ? qty : 0}
        />
        {err('steps')}
        {part ? (
          <div className="template-actions">
            <button
              type="button"
              className="btn"
              data-testid="save-as-template"
              disabled={savingTemplate || templateSaved}
              onClick={() => void saveAsTemplate()}
            >
              {templateSaved
                ? "These steps are the part's template"
                : "Save these steps as the part's template"}
            </button>
            <Link className="btn" href={`/manage/parts/${encodeURIComponent(part.id)}/routing`}>
              Edit {part.code}&apos;s template
            </Link>
            {err('template')}
          </div>
        ) : null}
      </section>
      <label className="field">
        Notes
        <textarea value={d.notes} onChange={set('notes')} rows={2} />
      </label>
      <div className="btn-row">
        {props.mode === 'create' ? (
          <label className="inline-select">
            <input type="checkbox" checked={release} onChange={(e) => setRelease(e.target.checked)} /> Release
            to the floor now
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
