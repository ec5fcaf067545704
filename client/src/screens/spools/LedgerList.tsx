import type { SpoolMovement } from '@printfloor/shared';
import { useLookup } from '../../hooks/use-query.ts';
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

/** The spool's ledger, newest first: every movement that makes up the remaining weight. */
export function LedgerList({ movements }: { movements: readonly SpoolMovement[] }) {
  const printers = useLookup('printers');
  const workOrders = useLookup('work_orders');
  if (movements.length === 0) return <p className="empty">No movements yet.</p>;
  return (
    <ol className="timeline" aria-label="Ledger">
      {[...movements].reverse().map((m) => (
        <li key={m.id} data-testid="ledger-row" data-type={m.type}>
          <strong>{humanize(m.type)}</strong> {amount(m)} · {formatDateTime(m.at)}
          {m.estimated ? ' · estimated' : ''}
          <div className="muted">
            {[
              m.printerId ? (printers.get(m.printerId)?.code ?? 'unknown printer') : '',
              m.slot,
              m.workOrderId ? (workOrders.get(m.workOrderId)?.code ?? 'unknown work order') : '',
              m.note,
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </li>
      ))}
    </ol>
  );
}
