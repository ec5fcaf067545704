const COLOR: Record<string, string> = {
  ok: '#16a34a',
  low: '#ca8a04',
  critical: '#dc2626',
  empty: '#dc2626',
};

/** A remaining-filament bar coloured by stock level. */
export function Meter({ percent, level }: { percent: number; level: string }) {
  return (
    <div
      className="meter"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
    >
      <span
        style={{ width: `${Math.max(0, Math.min(100, percent))}%`, background: COLOR[level] ?? '#6b7280' }}
      />
    </div>
  );
}
