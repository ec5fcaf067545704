import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { FieldInput, type FieldSpec } from './FieldInput.tsx';

type Doc = Record<string, unknown>;

interface Props<D extends Doc> {
  fields: readonly FieldSpec[];
  value: D;
  /** The collection's shared zod schema: the form refuses what the server would refuse. */
  schema: z.ZodObject;
  onSave: (patch: Partial<D>) => Promise<void>;
  saveLabel?: string;
  testId?: string;
}

/** Converts what an input holds (text) into the field's type. */
export function coerce(spec: FieldSpec, raw: unknown): unknown {
  if (spec.kind === 'number' || spec.kind === 'int') {
    const s = String(raw).trim().replace(',', '.');
    return s === '' ? Number.NaN : Number(s);
  }
  return raw;
}

/**
 * An edit form over one document. Only the fields the user touched are saved (so the field merge
 * keeps what another tablet changed meanwhile), and untouched fields follow live updates.
 */
export function EditForm<D extends Doc>({
  fields,
  value,
  schema,
  onSave,
  saveLabel = 'Save',
  testId,
}: Props<D>) {
  const [edits, setEdits] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const typed: Record<string, unknown> = {};
  for (const f of fields) if (f.key in edits) typed[f.key] = coerce(f, edits[f.key]);
  const parsed = schema.safeParse({ ...value, ...typed });
  const errors = new Map<string, string>();
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors.set(String(issue.path[0]), issue.message);
  const dirty = Object.keys(edits).length > 0;
  const touchedErrors = [...errors.keys()].filter((k) => k in edits);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty || touchedErrors.length > 0) return;
    setBusy(true);
    try {
      await onSave(typed as Partial<D>);
      setEdits({});
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid={testId}>
      <div className="form-grid">
        {fields.map((f) => (
          <FieldInput
            key={f.key}
            spec={f}
            value={f.key in edits ? edits[f.key] : value[f.key]}
            error={f.key in edits ? errors.get(f.key) : undefined}
            onChange={(v) => setEdits((prev) => ({ ...prev, [f.key]: v }))}
          />
        ))}
      </div>
      <div className="btn-row" style={{ marginTop: 16 }}>
        <button
          className="btn btn-primary"
          type="submit"
          disabled={!dirty || busy || touchedErrors.length > 0}
        >
          {saveLabel}
        </button>
        {dirty ? (
          <button className="btn" type="button" onClick={() => setEdits({})}>
            Discard changes
          </button>
        ) : null}
      </div>
    </form>
  );
}
