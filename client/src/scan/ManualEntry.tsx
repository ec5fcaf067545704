import { useEffect, useId, useRef, useState } from 'react';

export interface ManualEntryProps {
  /** The trimmed text, on Enter or the Go button. */
  onSubmit: (text: string) => void;
  /** Focus the box on mount, and again whenever this turns true (e.g. when the camera fails). */
  autoFocus?: boolean;
  label?: string;
  placeholder?: string;
}

/**
 * The code typed by hand: the way out when a camera fails or a label is torn. Marked
 * `data-wedge="type"` so a hand scanner used while it has the focus types into it (and its Enter
 * submits) instead of being caught by the app-wide wedge listener.
 */
export function ManualEntry({
  onSubmit,
  autoFocus = false,
  label = 'Type a code',
  placeholder = 'SP-0001',
}: ManualEntryProps) {
  const [value, setValue] = useState('');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const text = value.trim();
  return (
    <form
      className="pf-scan__manual"
      onSubmit={(e) => {
        e.preventDefault();
        if (text === '') return;
        onSubmit(text);
        setValue('');
      }}
    >
      <label htmlFor={id} className="pf-scan__manual-label">
        {label}
      </label>
      <input
        id={id}
        ref={input}
        className="pf-scan__manual-input"
        data-testid="scan-manual-input"
        data-wedge="type"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="characters"
        spellCheck={false}
        enterKeyHint="go"
        maxLength={2048}
      />
      <button type="submit" className="pf-scan__button pf-scan__button--primary" disabled={text === ''}>
        Go
      </button>
    </form>
  );
}
