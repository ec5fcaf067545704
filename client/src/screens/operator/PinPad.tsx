import { useEffect, useState } from 'react';

interface Props {
  /** Called with the digits when OK is tapped (4–6 digits). */
  onSubmit: (pin: string) => void;
  busy?: boolean;
  label: string;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'ok'] as const;

/** A big numeric keypad (gloves): digits show as dots; the hardware keyboard works too. */
export function PinPad({ onSubmit, busy = false, label }: Props) {
  const [pin, setPin] = useState('');
  const press = (k: (typeof KEYS)[number]) => {
    if (busy) return;
    if (k === 'clear') return setPin('');
    if (k === 'ok') {
      if (pin.length >= 4) {
        onSubmit(pin);
        setPin('');
      }
      return;
    }
    setPin((p) => (p.length >= 6 ? p : p + k));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (/^\d$/.test(e.key)) press(e.key as (typeof KEYS)[number]);
      else if (e.key === 'Enter') press('ok');
      else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="pinpad" role="group" aria-label={label} data-testid="pinpad">
      <div className="pin-dots" aria-live="polite" aria-label={`${pin.length} digits entered`}>
        {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'on' : ''} />
        ))}
      </div>
      <div className="pin-keys">
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            className={`btn pin-key ${k === 'ok' ? 'btn-go' : ''}`}
            disabled={busy || (k === 'ok' && pin.length < 4)}
            onClick={() => press(k)}
            aria-label={k === 'clear' ? 'Clear' : k === 'ok' ? 'OK' : k}
          >
            {k === 'clear' ? 'Clear' : k === 'ok' ? 'OK' : k}
          </button>
        ))}
      </div>
    </div>
  );
}
