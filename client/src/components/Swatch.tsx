/** A filament colour dot with a thick dark ring, so white and black spools both stay visible. */
export function Swatch({ hex, size = 36, label }: { hex: string; size?: number; label?: string }) {
  return (
    <span
      className="swatch"
      style={{ width: size, height: size, background: hex }}
      role="img"
      aria-label={label ?? `colour ${hex}`}
    />
  );
}
