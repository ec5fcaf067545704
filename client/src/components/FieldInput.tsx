export type FieldKind = 'text' | 'textarea' | 'number' | 'int' | 'bool' | 'select' | 'color' | 'date';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  options?: readonly { value: string; label: string }[];
  /** Spans the whole form row. */
  wide?: boolean;
  step?: number;
  /** Numeric keyboard hint for tablets. */
  unit?: string;
}

interface Props {
  spec: FieldSpec;
  value: unknown;
  error: string | undefined;
  onChange: (v: unknown) => void;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One labelled input of an edit form, sized for gloves. */
export function FieldInput({ spec, value, error, onChange }: Props) {
  const id = `f-${spec.key}`;
  const cls = `field${spec.kind === 'bool' ? ' field-check' : ''}${spec.wide || spec.kind === 'textarea' ? ' wide' : ''}`;
  const label = spec.unit ? `${spec.label} (${spec.unit})` : spec.label;
  if (spec.kind === 'bool') {
    return (
      <label className={cls} htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
    );
  }
  return (
    <label className={cls} htmlFor={id}>
      {label}
      {control(spec, id, value, onChange)}
      {error ? <span className="field-error">{error}</span> : null}
    </label>
  );
}

function control(spec: FieldSpec, id: string, value: unknown, onChange: (v: unknown) => void) {
  switch (spec.kind) {
    case 'textarea':
      return <textarea id={id} value={text(value)} onChange={(e) => onChange(e.target.value)} />;
    case 'select':
      return (
        <select id={id} value={text(value)} onChange={(e) => onChange(e.target.value)}>
          {(spec.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'number':
    case 'int':
      return (
        <input
          id={id}
          inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
          value={text(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'color':
      return (
        <input
          id={id}
          type="color"
          value={text(value) || '#000000'}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'date':
      return <input id={id} type="date" value={text(value)} onChange={(e) => onChange(e.target.value)} />;
    case 'text':
    case 'bool':
      return <input id={id} value={text(value)} onChange={(e) => onChange(e.target.value)} />;
  }
}
