import { useMemo, useState } from 'react';
import { useNow } from '../hooks/use-now.ts';
import { useLookup, useQuery } from '../hooks/use-query.ts';
import { Link } from '../components/Link.tsx';
import { navigate } from '../app/router.ts';
import { axisSpan, dayWindow, floorTimeline, packRows, type TimelineSegment } from './aggregates/timeline.ts';

const HOUR = 3_600_000;
const LABEL_W = 190;
const TOTAL_W = 170;
const CHART_W = 1400;
const ROW_H = 26;
const LANE_PAD = 8;
const AXIS_H = 26;

const KIND_LABEL: Record<TimelineSegment['kind'], string> = { run: 'Running', paused: 'Paused', downtime: 'Downtime' };

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const hm = (ms: number) => {
  const m = Math.round(ms / 60_000);
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}` : `${m} min`;
};

/** /manage/timeline: per printer, the steps actually run on a day, with pauses and downtime. */
export function TimelineScreen() {
  const now = useNow(30_000);
  const [dayOffset, setDayOffset] = useState(0);
  const { docs: events, loading } = useQuery('step_events', {});
  const { docs: ops } = useQuery('operations', {});
  const printers = useLookup('printers');
  const wos = useLookup('work_orders');
  const workCenters = useLookup('work_centers');
  const opsById = useMemo(() => new Map(ops.map((o) => [o.id, o])), [ops]);
  const day = useMemo(() => dayWindow(now + dayOffset * 24 * HOUR), [now, dayOffset]);
  const lanes = useMemo(() => {
    const active = [...printers.values()].filter((p) => p.active).map((p) => p.id);
    const list = floorTimeline(events, opsById, day, Math.min(now, day.to), active);
    // Printers by code, then work-center lanes by name, then steps with neither.
    const key = (id: string) =>
      id === '' ? '3' : id.startsWith('wc:') ? `2${workCenters.get(id.slice(3))?.name ?? id}` : `1${printers.get(id)?.code ?? id}`;
    return list
      .sort((a, b) => key(a.printerId).localeCompare(key(b.printerId)))
      .map((l) => ({ ...l, ...packRows(l.segments) }));
  }, [events, opsById, day, now, printers, workCenters]);
  const laneTop: number[] = [];
  let y0 = AXIS_H;
  for (const l of lanes) {
    laneTop.push(y0);
    y0 += l.rows * ROW_H + LANE_PAD;
  }
  const laneName = (id: string): [string, string] => {
    if (id === '') return ['No printer', ''];
    if (id.startsWith('wc:')) return [workCenters.get(id.slice(3))?.name ?? 'Unknown work center', 'work center'];
    const p = printers.get(id);
    return p ? [p.code, p.name.slice(0, 14)] : ['Unknown printer', ''];
  };
  const span = axisSpan(lanes, day, now);
  const x = (t: number) => LABEL_W + ((t - span.from) / (span.to - span.from)) * (CHART_W - LABEL_W - TOTAL_W);
  const hours: number[] = [];
  for (let t = span.from; t <= span.to; t += HOUR) hours.push(t);
  const height = y0 + 8;
  const segLabel = (s: TimelineSegment) => {
    const wo = wos.get(s.workOrderId);
    const op = opsById.get(s.operationId);
    return [
      `${KIND_LABEL[s.kind]} ${clock(s.from)}–${s.open ? 'now' : clock(s.to)} (${hm(s.to - s.from)})`,
      wo ? `${wo.code} ${wo.title}` : '',
      op ? `step ${op.code} ${op.name}` : '',
      s.reasonCode ? `reason ${s.reasonCode}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  };
  const totals = lanes.reduce((t, l) => ({ run: t.run + l.runMs, paused: t.paused + l.pausedMs, down: t.down + l.downtimeMs }), { run: 0, paused: 0, down: 0 });

  return (
    <div className="manage-page" data-testid="timeline">
      <div className="manage-head">
        <h1>{dayOffset === 0 ? 'Today on the floor' : new Date(day.from).toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long' })}</h1>
        <span className="badge b-info">Running {hm(totals.run)}</span>
        <span className="badge b-warn">Paused {hm(totals.paused)}</span>
        <span className="badge b-bad">Downtime {hm(totals.down)}</span>
        <span className="spacer" />
        <button className="btn" type="button" onClick={() => setDayOffset((d) => d - 1)}>
          ← Day before
        </button>
        <button className="btn" type="button" disabled={dayOffset === 0} onClick={() => setDayOffset((d) => Math.min(0, d + 1))}>
          Day after →
        </button>
      </div>
      <p className="legend muted small">
        <span className="lg lg-run" /> running <span className="lg lg-paused" /> paused <span className="lg lg-down" /> downtime (drawn over what it
        interrupted) · <span className="lg lg-now" /> now · from the tablets’ step events; hover a bar for the work order and step
      </p>
      {loading ? <p className="muted">Loading…</p> : null}
      <div className="card timeline-card">
        <svg className="floor-timeline" viewBox={`0 0 ${CHART_W} ${height}`} width="100%" role="img" aria-label="Steps run per printer">
          {hours.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={AXIS_H - 4} y2={height} className="tl-grid" />
              <text x={x(t)} y={16} className="tl-hour" textAnchor="middle">
                {new Date(t).getHours()}:00
              </text>
            </g>
          ))}
          {lanes.map((l, i) => {
            const y = laneTop[i]!;
            const laneH = l.rows * ROW_H + LANE_PAD;
            const [name, sub] = laneName(l.printerId);
            return (
              <g key={l.printerId || 'none'} data-testid="timeline-lane" data-printer={printers.get(l.printerId)?.code ?? l.printerId} data-segments={l.segments.length}>
                <rect x={0} y={y} width={CHART_W} height={laneH} className={i % 2 ? 'tl-band tl-band-odd' : 'tl-band'} />
                {printers.has(l.printerId) ? (
                  // A printer's name opens its history (in-app, no reload).
                  <a
                    href={`/manage/printer?id=${encodeURIComponent(l.printerId)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/manage/printer?id=${encodeURIComponent(l.printerId)}`);
                    }}
                  >
                    <text x={8} y={y + LANE_PAD / 2 + ROW_H / 2 + 5} className="tl-label tl-link">
                      {name.slice(0, 18)}
                      <tspan className="tl-sub"> {sub}</tspan>
                    </text>
                  </a>
                ) : (
                  <text x={8} y={y + LANE_PAD / 2 + ROW_H / 2 + 5} className="tl-label">
                    {name.slice(0, 18)}
                    <tspan className="tl-sub"> {sub}</tspan>
                  </text>
                )}
                {l.segments.map((s, j) => {
                  const x0 = x(s.from);
                  const w = Math.max(2, x(s.to) - x0);
                  const down = s.kind === 'downtime';
                  const code = wos.get(s.workOrderId)?.code ?? '';
                  const ry = y + LANE_PAD / 2 + (l.rowOf.get(s.operationId) ?? 0) * ROW_H;
                  return (
                    <g key={j} data-testid="timeline-segment" data-kind={s.kind} data-wo={code}>
                      <title>{segLabel(s)}</title>
                      <rect
                        x={x0}
                        y={down ? ry + 1 : ry + 4}
                        width={w}
                        height={down ? ROW_H - 2 : ROW_H - 8}
                        rx={3}
                        className={`tl-seg tl-${s.kind}${s.open ? ' tl-open' : ''}`}
                      />
                      {s.kind === 'run' && w > 90 ? (
                        <text x={x0 + 5} y={ry + ROW_H / 2 + 4} className="tl-seg-text">
                          {code}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
                <text x={CHART_W - TOTAL_W + 10} y={y + LANE_PAD / 2 + ROW_H / 2 + 5} className="tl-total">
                  {l.segments.length === 0 ? 'idle' : `${hm(l.runMs)} run${l.downtimeMs ? ` · ${hm(l.downtimeMs)} down` : ''}`}
                </text>
              </g>
            );
          })}
          {now >= span.from && now <= span.to ? <line x1={x(now)} x2={x(now)} y1={AXIS_H - 6} y2={height} className="tl-now" /> : null}
        </svg>
      </div>
      <p className="muted small">
        A printer’s own history (all days, with consumption): open it from the <Link href="/manage/farm">live farm</Link>.
      </p>
    </div>
  );
}
