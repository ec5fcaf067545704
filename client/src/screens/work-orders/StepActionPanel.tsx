import { useState, type FormEvent } from 'react';
import {
  checkCompletion,
  requiresReason,
  type StepAction,
  type StepState,
  type WorkOrder,
} from '@printfloor/shared';
import { useQuery } from '../../hooks/use-query.ts';
import { QtyInput } from '../../components/QtyInput.tsx';
import type { StepEventInput } from '../../data/step-commands.ts';

interface Props {
  action: StepAction;
  workOrder: WorkOrder;
  state: StepState;
  onSubmit: (input: StepEventInput) => Promise<void>;
  onCancel: () => void;
}

const TITLE: Partial<Record<StepAction, string>> = {
  pause: 'Pause — why?',
  complete: 'Complete the step',
  scrap: 'Report scrap',
  qc: 'Quality check',
  downtime: 'Report downtime',
  note: 'Add a note',
  skip: 'Skip the step — why?',
};

/** Asks for what an action needs (quantities, a reason, a note) before writing its event. */
export function StepActionPanel({ action, workOrder, state, onSubmit, onCancel }: Props) {
  const usesScrapReasons = action === 'complete' || action === 'scrap';
  const { docs: scrap } = useQuery('scrap_reasons', usesScrapReasons ? { selector: { active: true } } : null);
  const { docs: down } = useQuery(
    'downtime_reasons',
    usesScrapReasons ? null : { selector: { active: true } },
  );
  const reasons = (usesScrapReasons ? scrap : down).map((r) => ({ value: r.code, label: r.name || r.code }));
  const [qtyGood, setQtyGood] = useState(Math.max(0, workOrder.qtyOrdered - state.qtyGood));
  const [qtyScrap, setQtyScrap] = useState(action === 'scrap' ? 1 : 0);
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState(15);
  const [error, setError] = useState<string | null>(null);

  const build = (qcResult?: 'pass' | 'fail'): StepEventInput | string => {
    const type = action;
    if (action === 'complete' || action === 'scrap') {
      const check = checkCompletion({ qtyGood: action === 'complete' ? qtyGood : 0, qtyScrap, reasonCode });
      if (!check.ok) return check.reason ?? 'check the quantities';
      if (action === 'scrap' && qtyScrap < 1) return 'scrap at least one part';
      return { type, qtyGood: action === 'complete' ? qtyGood : 0, qtyScrap, reasonCode, note };
    }
    if (requiresReason(action) && !reasonCode) return 'pick a reason';
    if (action === 'downtime') {
      const to = new Date();
      const from = new Date(to.getTime() - minutes * 60_000);
      return { type, reasonCode, note, downtimeFrom: from.toISOString(), downtimeTo: to.toISOString() };
    }
    if (action === 'qc') return { type, qcResult: qcResult ?? 'pass', note };
    if (action === 'note' && !note.trim()) return 'write the note first';
    return { type, reasonCode, note };
  };

  const submit = async (e: FormEvent | null, qcResult?: 'pass' | 'fail') => {
    e?.preventDefault();
    const input = build(qcResult);
    if (typeof input === 'string') return setError(input);
    await onSubmit(input);
  };

  const showReason = requiresReason(action) || action === 'complete';
  return (
    <form
      className="card"
      style={{ background: '#f9fafb', marginTop: 12 }}
      onSubmit={(e) => void submit(e)}
      data-testid="step-panel"
    >
      <h3 style={{ marginTop: 0 }}>{TITLE[action] ?? action}</h3>
      <div className="form-grid">
        {action === 'complete' ? <QtyInput label="Good parts" value={qtyGood} onChange={setQtyGood} /> : null}
        {action === 'complete' || action === 'scrap' ? (
          <QtyInput label="Scrapped parts" value={qtyScrap} onChange={setQtyScrap} />
        ) : null}
        {action === 'downtime' ? (
          <QtyInput label="Minutes down" value={minutes} onChange={setMinutes} />
        ) : null}
        {showReason ? (
          <label className="field">
            {usesScrapReasons ? 'Scrap reason' : 'Reason'}
            <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
              <option value="">— pick —</option>
              {reasons.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field wide">
          Note{action === 'note' ? '' : ' (optional)'}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="btn-row" style={{ marginTop: 12 }}>
        {action === 'qc' ? (
          <>
            <button type="button" className="btn btn-go" onClick={() => void submit(null, 'pass')}>
              ✓ Pass
            </button>
            <button type="button" className="btn btn-danger" onClick={() => void submit(null, 'fail')}>
              ✗ Fail
            </button>
          </>
        ) : (
          <button type="submit" className="btn btn-primary">
            Save
          </button>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
