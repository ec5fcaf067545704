/** A list's search field: big enough for a glove, cleared with the field's own ✕ (type="search"). */
export function SearchBox({
  label,
  placeholder = label,
  value,
  onChange,
}: {
  /** Read by screen readers (and tests): "Search spools". */
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <input
      className="search"
      type="search"
      placeholder={placeholder}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
