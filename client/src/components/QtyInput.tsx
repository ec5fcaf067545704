/** A whole-number input with big − / + buttons: easier with gloves than a tiny spinner. */
export function QtyInput({
  label,
  value,
  onChange,
  min = 0,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  min?: number;
}) {
  const set = (n: number) => onChange(Math.max(min, Number.isFinite(n) ? Math.round(n) : min));
  return (
    <label className="field">
      {label}
      <span style={{ display: 'flex', gap: 8 }}>
        <button
          type="button"
          className="btn"
          aria-label={`${label} minus one`}
          onClick={() => set(value - 1)}
        >
          −
        </button>
        <input
          aria-label={label}
          inputMode="numeric"
          value={String(value)}
          onChange={(e) => set(Number(e.target.value))}
          style={{ textAlign: 'center', fontWeight: 800 }}
        />
        <button type="button" className="btn" aria-label={`${label} plus one`} onClick={() => set(value + 1)}>
          +
        </button>
      </span>
    </label>
  );
}
