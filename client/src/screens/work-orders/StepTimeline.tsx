import type { StepEvent } from '@printfloor/shared';
import { useLookup } from '../../hooks/use-query.ts';
import { formatDateTime, humanize } from '../../format.ts';

function detail(e: StepEvent): string {
  const parts: string[] = [];
  if (e.qtyGood) parts.push(`good ${e.qtyGood}`);
  if (e.qtyScrap) parts.push(`scrap ${e.qtyScrap}`);
  if (e.reasonCode) parts.push(`reason ${e.reasonCode}`);
  if (e.qcResult) parts.push(`QC ${e.qcResult}`);
  if (e.override) parts.push('lead override');
  if (e.note) parts.push(`“${e.note}”`);
  return parts.join(' · ');
}

/** A step's events in fold order: who did what, when, on which machine. */
export function StepTimeline({ events }: { events: readonly StepEvent[] }) {
  const people = useLookup('people');
  const printers = useLookup('printers');
  return (
    <ol className="timeline" aria-label="Step timeline">
      {events.map((e) => (
        <li key={e.id} data-testid="step-event" data-type={e.type}>
          <strong>{humanize(e.type)}</strong> · {formatDateTime(e.at)}
          {e.operatorId ? ` · ${people.get(e.operatorId)?.displayName ?? 'unknown operator'}` : ''}
          {e.printerId ? ` · ${printers.get(e.printerId)?.code ?? 'unknown printer'}` : ''}
          {detail(e) ? <div className="muted">{detail(e)}</div> : null}
        </li>
      ))}
    </ol>
  );
}
