import type { Dispatch, SetStateAction } from 'react';
import type { WorkCenter } from '@printfloor/shared';
import { blankStepDraft, num, type StepDraft } from './routing-step-drafts.ts';
import './routing-editor.css';

export interface RoutingStepsTableProps {
  steps: StepDraft[];
  setSteps: Dispatch<SetStateAction<StepDraft[]>>;
  workCenters: readonly Pick<WorkCenter, 'id' | 'name'>[];
  printers: readonly { id: string; code: string; name: string }[];
  /** A work order's quantity: shows each step's run total. Absent for a part's template. */
  qty?: number;
}

type TextField = 'code' | 'name' | 'setup' | 'runPerUnit' | 'notes';

/** One text cell of a step row: labelled "Step N <label>" for screen readers and tests. */
function StepField({
  step,
  n,
  field,
  label,
  className,
  maxLength,
  numeric = false,
  set,
}: {
  step: StepDraft;
  n: number;
  field: TextField;
  label: string;
  className?: string;
  maxLength?: number;
  numeric?: boolean;
  set: (key: string, k: TextField, v: string) => void;
}) {
  return (
    <td className={numeric ? 'num' : undefined}>
      <input
        className={className}
        aria-label={`Step ${n} ${label}`}
        inputMode={numeric ? 'decimal' : undefined}
        value={step[field]}
        maxLength={maxLength}
        onChange={(e) => set(step.key, field, e.target.value)}
      />
    </td>
  );
}

/**
 * The routing steps of a work order or of a part's template: code, name, work center, printer
 * (optional), setup minutes, run minutes per part, notes; add, remove, move up and down. Every
 * control is at least 48 px high (routing-editor.css): managers plan on tablets too.
 */
export function RoutingStepsTable({ steps, setSteps, workCenters, printers, qty }: RoutingStepsTableProps) {
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
  const withTotal = qty !== undefined;
  return (
    <div className="routing-steps">
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
            {withTotal ? <th className="num">Run total</th> : null}
            <th>Notes</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={s.key} data-testid="routing-step">
              <td className="seq">{(i + 1) * 10}</td>
              <StepField
                step={s}
                n={i + 1}
                field="code"
                label="code"
                className="rs-code"
                maxLength={50}
                set={setStep}
              />
              <StepField
                step={s}
                n={i + 1}
                field="name"
                label="name"
                className="rs-name"
                maxLength={200}
                set={setStep}
              />
              <td>
                <select
                  className="rs-wc"
                  aria-label={`Step ${i + 1} work center`}
                  value={s.workCenterId}
                  onChange={(e) => setStep(s.key, 'workCenterId', e.target.value)}
                >
                  <option value="">—</option>
                  {workCenters.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={`Step ${i + 1} printer`}
                  value={s.printerId}
                  onChange={(e) => setStep(s.key, 'printerId', e.target.value)}
                >
                  <option value="">Any</option>
                  {printers.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.code}
                    </option>
                  ))}
                </select>
              </td>
              <StepField step={s} n={i + 1} field="setup" label="setup minutes" numeric set={setStep} />
              <StepField
                step={s}
                n={i + 1}
                field="runPerUnit"
                label="run minutes per part"
                numeric
                set={setStep}
              />
              {withTotal ? (
                <td className="num" data-testid="run-total">
                  {Number.isFinite(num(s.runPerUnit) * qty)
                    ? Math.round(num(s.runPerUnit) * qty * 10) / 10
                    : '—'}
                </td>
              ) : null}
              <StepField
                step={s}
                n={i + 1}
                field="notes"
                label="notes"
                className="rs-notes"
                maxLength={4000}
                set={setStep}
              />
              <td className="row-actions">
                <button
                  type="button"
                  className="btn rs-btn"
                  aria-label={`Move step ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn rs-btn"
                  aria-label={`Move step ${i + 1} down`}
                  disabled={i === steps.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn rs-btn"
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
        className="btn rs-add"
        onClick={() => setSteps((list) => [...list, blankStepDraft(list.length)])}
      >
        Add step
      </button>
    </div>
  );
}
