import type { ChangeEventHandler } from 'react';

/** A field's error under it, announced to screen readers; nothing when the field is fine. */
export function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <span className="field-error" role="alert">
      {message}
    </span>
  ) : null;
}

/** A labelled text input of a manager form, with its error (if any) under it. */
export function FormField({
  name,
  label,
  value,
  onChange,
  error,
  extra = {},
}: {
  name: string;
  label: string;
  value: string;
  onChange: ChangeEventHandler<HTMLInputElement>;
  error: string | undefined;
  /** More input attributes: type, inputMode, placeholder, min, … */
  extra?: Record<string, string>;
}) {
  return (
    <label className="field">
      {label}
      <input value={value} onChange={onChange} name={name} {...extra} />
      <FieldError message={error} />
    </label>
  );
}
