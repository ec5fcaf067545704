import {
  Bar as RBar,
  BarChart as RBarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  LabelList,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * Manager charts on recharts (issue 6: a well-kept chart library). They live in the lazily loaded
 * manager chunk only, so the floor's first screen does not pay for the library.
 * `BarChart`: horizontal bars, one per label, value written at the bar's end; with `cumulative` on
 * the bars it becomes a Pareto chart (bars + a line of cumulative share on a 0–100 % axis).
 */
export interface Bar {
  label: string;
  value: number;
  /** 0–1, for Pareto charts. */
  cumulative?: number;
  color?: string;
}

const ROW_PX = 34;
const INK = '#0f172a';
const BAR = '#c2410c';
const LINE = '#1e3a8a';
const tick = { fill: INK, fontSize: 14, fontWeight: 600 };

export function BarChart({ bars, unit, title }: { bars: Bar[]; unit: string; title: string }) {
  if (bars.length === 0) return <p className="muted">Nothing recorded.</p>;
  const pareto = bars.some((b) => b.cumulative !== undefined);
  const data = bars.map((b) => ({
    label: b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label,
    value: b.value,
    share: b.cumulative === undefined ? undefined : Math.round(b.cumulative * 1000) / 10,
    color: b.color ?? BAR,
  }));
  const height = bars.length * ROW_PX + (pareto ? 56 : 24);
  const valueLabel = (v: unknown) => `${formatValue(Number(v))} ${unit}`;
  return (
    <figure className="chart" role="img" aria-label={title} data-testid="chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} layout="vertical" margin={{ top: 4, right: 96, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis xAxisId="v" type="number" hide domain={[0, 'dataMax']} />
          {pareto ? (
            <XAxis
              xAxisId="share"
              type="number"
              orientation="top"
              domain={[0, 100]}
              unit="%"
              tick={{ ...tick, fontSize: 12 }}
            />
          ) : null}
          <YAxis type="category" dataKey="label" width={220} tick={tick} interval={0} />
          <Tooltip formatter={(v, name) => (name === 'share' ? `${String(v)} %` : valueLabel(v))} />
          <RBar xAxisId="v" dataKey="value" barSize={ROW_PX - 10} radius={3} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.color} />
            ))}
            <LabelList dataKey="value" position="right" formatter={valueLabel} fill={INK} fontSize={14} />
          </RBar>
          {pareto ? (
            <Line
              xAxisId="share"
              dataKey="share"
              stroke={LINE}
              strokeWidth={3}
              dot={{ r: 4, fill: LINE }}
              isAnimationActive={false}
            />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Vertical bars over days (usage per day), a date tick every week. */
export function DayBars({
  days,
  unit,
  title,
}: {
  days: { day: string; grams: number }[];
  unit: string;
  title: string;
}) {
  const data = days.map((d) => ({ day: d.day.slice(5), grams: d.grams }));
  return (
    <figure className="chart" role="img" aria-label={title} data-testid="chart">
      <ResponsiveContainer width="100%" height={190}>
        <RBarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" interval={6} tick={{ ...tick, fontSize: 12 }} />
          <YAxis width={56} tick={{ ...tick, fontSize: 12 }} tickFormatter={(v: number) => formatValue(v)} />
          <Tooltip formatter={(v) => `${formatValue(Number(v))} ${unit}`} />
          <RBar dataKey="grams" fill={LINE} isAnimationActive={false} />
        </RBarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function formatValue(v: number): string {
  return v >= 100 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}
