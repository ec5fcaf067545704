/**
 * A plain SVG horizontal bar chart (no chart library: a few bars need none, and the floor bundle
 * stays small). With `cumulative`, a Pareto line of cumulative share is drawn over the bars.
 */
export interface Bar {
  label: string;
  value: number;
  /** 0–1, for Pareto charts. */
  cumulative?: number;
  color?: string;
}

export function BarChart({ bars, unit, title }: { bars: Bar[]; unit: string; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 30;
  const labelW = 240;
  const w = 640;
  const plotW = w - labelW - 110;
  const h = bars.length * rowH + 8;
  if (bars.length === 0) return <p className="muted">Nothing recorded.</p>;
  return (
    <svg className="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title} width="100%">
      {bars.map((b, i) => {
        const y = i * rowH + 4;
        const bw = (b.value / max) * plotW;
        return (
          <g key={b.label}>
            <text x={labelW - 8} y={y + 19} textAnchor="end" className="chart-label">
              {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
            </text>
            <rect
              x={labelW}
              y={y + 3}
              width={Math.max(bw, 1)}
              height={rowH - 8}
              rx={3}
              fill={b.color ?? '#c2410c'}
            />
            <text x={labelW + bw + 6} y={y + 19} className="chart-value">
              {formatValue(b.value)} {unit}
              {b.cumulative !== undefined ? ` · ${Math.round(b.cumulative * 100)}%` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Vertical bars over days (usage per day). */
export function DayBars({
  days,
  unit,
  title,
}: {
  days: { day: string; grams: number }[];
  unit: string;
  title: string;
}) {
  const max = Math.max(1, ...days.map((d) => d.grams));
  const w = 560;
  const h = 150;
  const bw = w / Math.max(1, days.length);
  return (
    <svg className="chart" viewBox={`0 0 ${w} ${h + 20}`} role="img" aria-label={title} width="100%">
      {days.map((d, i) => {
        const bh = (d.grams / max) * h;
        return (
          <g key={d.day}>
            <rect x={i * bw + 2} y={h - bh} width={bw - 4} height={Math.max(bh, 0.5)} fill="#1e3a8a">
              <title>{`${d.day}: ${formatValue(d.grams)} ${unit}`}</title>
            </rect>
            {i % 7 === days.length % 7 ? (
              <text x={i * bw + bw / 2} y={h + 16} textAnchor="middle" className="chart-axis">
                {d.day.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

function formatValue(v: number): string {
  return v >= 100 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}
