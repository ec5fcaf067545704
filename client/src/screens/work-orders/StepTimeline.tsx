import type { StepEvent, StepState } from '@printfloor/shared';
import { useLookup } from '../../hooks/use-query.ts';
import { formatDateTime, formatDuration, humanize } from '../../format.ts';

function detail(e: StepEvent): string {
  const parts: string[] = [];
  if (e.qtyGood) parts.push(`good ${e.qtyGood}`);
  if (e.qtyScrap) parts.push(`scrap ${e.qtyScrap}`);
  if (e.reasonCode) parts.push(`reason ${e.reasonCode}`);
  if (e.qcResult) parts.push(`QC ${e.qcResult}`);
  if (e.type === 'downtime' && e.downtimeFrom) {
    parts.push(
      `down ${formatDateTime(e.downtimeFrom)} → ${e.downtimeTo ? formatDateTime(e.downtimeTo) : 'still down'}`,
    );
  }
  if (e.override) parts.push('lead override');
  if (e.note) parts.push(`“${e.note}”`);
  return parts.join(' · ');
}

/** A step tracker's summary line: who, which machine, start, pauses, end, quantities. */
export function StepSummary({ state }: { state: StepState }) {
  const people = useLookup('people');
  const printers = useLookup('printers');
  if (state.timeline.length === 0) return null;
  const who = state.operatorIds.map((id) => people.get(id)?.displayName ?? 'unknown').join(', ');
  const items: [string, string][] = [
    ['Who', who || '—'],
    ['Machine', state.printerId ? (printers.get(state.printerId)?.code ?? 'unknown printer') : '—'],
    ['Start', state.startedAt ? formatDateTime(state.startedAt) : '—'],
    ['End', state.endedAt ? formatDateTime(state.endedAt) : '—'],
    ['Run time', formatDuration(state.runningMs)],
    ['Pauses', state.pauses.length ? `${state.pauses.length} · ${formatDuration(state.pausedMs)}` : 'none'],
    ['Downtime', state.downtimeMs ? formatDuration(state.downtimeMs) : 'none'],
    ['Good / scrap', `${state.qtyGood} / ${state.qtyScrap}`],
  ];
  return (
    <dl className="kv step-summary" data-testid="step-summary">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
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
