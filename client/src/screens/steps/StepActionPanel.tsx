import { useState, type FormEvent } from 'react';
import { checkCompletion, requiresReason, type StepAction } from '@printfloor/shared';
import { useQuery } from '../../hooks/use-query.ts';
import { QtyInput } from '../../components/QtyInput.tsx';
import type { StepEventInput } from '../../data/step-commands.ts';
import type { FloorStep } from '../../floor/station-view.ts';
import { defaultGoodQty, downtimeInterval, hhmm } from './step-logic.ts';

interface Props {
  action: StepAction;
  step: FloorStep;
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
  skip: 'Skip the step — why? (lead)',
};

const SAVE: Partial<Record<StepAction, string>> = {
  pause: '❚❚ Pause',
  complete: '✓ Complete',
  scrap: 'Report scrap',
  downtime: 'Report downtime',
  note: 'Add note',
  skip: 'Skip step',
};

/** Reason codes for an action: scrap reasons for scrap, downtime reasons for the rest. */
function useReasons(action: StepAction) {
  const scrapish = action === 'complete' || action === 'scrap';
  const { docs: scrap } = useQuery('scrap_reasons', scrapish ? { selector: { active: true } } : null);
  const { docs: down } = useQuery('downtime_reasons', scrapish ? null : { selector: { active: true } });
  return (scrapish ? scrap : down)
    .map((r) => ({ value: r.code, label: r.name || r.code }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Asks for what an action needs (quantities, a reason, a time span, a note) before writing its event. */
export function StepActionPanel({ action, step, onSubmit, onCancel }: Props) {
  const reasons = useReasons(action);
  const [qtyGood, setQtyGood] = useState(() => defaultGoodQty(step));
  const [qtyScrap, setQtyScrap] = useState(action === 'scrap' ? 1 : 0);
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [from, setFrom] = useState(() => hhmm(new Date(Date.now() - 15 * 60_000)));
  const [to, setTo] = useState(() => hhmm(new Date()));
  const [stillDown, setStillDown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const build = (qcResult?: 'pass' | 'fail'): StepEventInput | string => {
    const type = action;
    if (action === 'complete' || action === 'scrap') {
      const good = action === 'complete' ? qtyGood : 0;
      const check = checkCompletion({ qtyGood: good, qtyScrap, reasonCode });
      if (!check.ok) return check.reason ?? 'check the quantities';
      if (action === 'scrap' && qtyScrap < 1) return 'scrap at least one part';
      return { type, qtyGood: good, qtyScrap, reasonCode: qtyScrap > 0 ? reasonCode : '', note };
    }
    if (requiresReason(action) && !reasonCode) return 'pick a reason';
    if (action === 'downtime') {
      const span = downtimeInterval(from, stillDown ? null : to, new Date());
      if (typeof span === 'string') return span;
      return { type, reasonCode, note, downtimeFrom: span.from, downtimeTo: span.to };
    }
    if (action === 'qc') return { type, qcResult: qcResult ?? 'pass', note };
    if (action === 'note' && !note.trim()) return 'write the note first';
    return { type, reasonCode, note };
  };

  const submit = async (e: FormEvent | null, qcResult?: 'pass' | 'fail') => {
    e?.preventDefault();
    if (busy) return;
    const input = build(qcResult);
    if (typeof input === 'string') return setError(input);
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const reasonNeeded =
    requiresReason(action) || ((action === 'complete' || action === 'scrap') && qtyScrap > 0);
  const showReason = reasonNeeded || action === 'complete';
  return (
    <form
      className="card panel"
      onSubmit={(e) => void submit(e)}
      data-testid="step-panel"
      data-action={action}
    >
      <h3>{TITLE[action] ?? action}</h3>
      <div className="form-grid">
        {action === 'complete' ? <QtyInput label="Good parts" value={qtyGood} onChange={setQtyGood} /> : null}
        {action === 'complete' || action === 'scrap' ? (
          <QtyInput label="Scrapped parts" value={qtyScrap} onChange={setQtyScrap} />
        ) : null}
        {action === 'downtime' ? (
          <>
            <label className="field">
              Down from (HH:MM)
              <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label className="field">
              Back at (HH:MM)
              <input type="time" value={to} disabled={stillDown} onChange={(e) => setTo(e.target.value)} />
            </label>
            <label className="field field-check">
              <input type="checkbox" checked={stillDown} onChange={(e) => setStillDown(e.target.checked)} />
              Still down
            </label>
          </>
        ) : null}
        {showReason ? (
          <label className="field">
            {action === 'complete' || action === 'scrap'
              ? `Scrap reason${reasonNeeded ? '' : ' (if any scrap)'}`
              : 'Reason'}
            <select
              value={reasonCode}
              onChange={(e) => setReasonCode(e.target.value)}
              disabled={!reasonNeeded}
            >
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
      <div className="btn-row panel-actions">
        {action === 'qc' ? (
          <>
            <button
              type="button"
              className="btn btn-go btn-big"
              disabled={busy}
              onClick={() => void submit(null, 'pass')}
            >
              ✓ Pass
            </button>
            <button
              type="button"
              className="btn btn-danger btn-big"
              disabled={busy}
              onClick={() => void submit(null, 'fail')}
            >
              ✗ Fail
            </button>
          </>
        ) : (
          <button
            type="submit"
            className={`btn btn-big ${action === 'complete' ? 'btn-go' : 'btn-primary'}`}
            disabled={busy}
            data-testid="panel-save"
          >
            {SAVE[action] ?? 'Save'}
          </button>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
