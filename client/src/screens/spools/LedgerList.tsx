import type { SpoolMovement } from '@printfloor/shared';
import { MARKED_EMPTY } from '../../data/spool-commands.ts';
import { useDoc, useLookup } from '../../hooks/use-query.ts';
import { formatDateTime, formatGrams, humanize } from '../../format.ts';

function amount(m: SpoolMovement): string {
  switch (m.type) {
    case 'receive':
      return `+${formatGrams(m.grams)}`;
    case 'consume':
      return `−${formatGrams(Math.abs(m.grams))}`;
    case 'adjust':
      return m.grams >= 0 ? `+${formatGrams(m.grams)}` : `−${formatGrams(-m.grams)}`;
    case 'weigh_in':
      return `= ${formatGrams(m.grams)}${m.grossWeightG !== null ? ` (scale ${formatGrams(m.grossWeightG)})` : ''}`;
    case 'dispose':
    case 'load':
    case 'unload':
      return '';
  }
}

function title(m: SpoolMovement): string {
  if (m.type === 'weigh_in' && m.grossWeightG === null && m.note === MARKED_EMPTY) return 'Marked empty';
  return humanize(m.type);
}

/** The work order a movement was for, by id (one document, not the whole list of thousands). */
function WorkOrderCode({ id }: { id: string }) {
  const wo = useDoc('work_orders', id);
  return <>{wo ? wo.code : wo === null ? 'unknown work order' : '…'}</>;
}

/** The spool's ledger, newest first: every movement that makes up the remaining weight. */
export function LedgerList({ movements }: { movements: readonly SpoolMovement[] }) {
  const printers = useLookup('printers');
  const people = useLookup('people');
  if (movements.length === 0) return <p className="empty">No movements yet.</p>;
  return (
    <ol className="timeline" aria-label="Ledger">
      {[...movements].reverse().map((m) => (
        <li key={m.id} data-testid="ledger-row" data-type={m.type}>
          <strong>{title(m)}</strong> {amount(m)} · {formatDateTime(m.at)}
          {m.estimated ? ' · estimated' : ''}
          <div className="muted">
            {[
              m.printerId ? (printers.get(m.printerId)?.code ?? 'unknown printer') : '',
              m.slot,
              m.operatorId ? (people.get(m.operatorId)?.displayName ?? 'unknown operator') : '',
              m.note === MARKED_EMPTY ? '' : m.note,
            ]
              .filter(Boolean)
              .join(' · ')}
            {m.workOrderId ? (
              <>
                {' · '}
                <WorkOrderCode id={m.workOrderId} />
              </>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
