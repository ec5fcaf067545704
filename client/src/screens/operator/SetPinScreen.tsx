import { useState } from 'react';
import { navigate } from '../../app/router.ts';
import { Link } from '../../components/Link.tsx';
import { toast } from '../../components/Toast.tsx';
import { useFloor, useOperator } from '../../hooks/use-floor.ts';
import { PinPad } from './PinPad.tsx';

/**
 * The signed-in person sets (or changes) their PIN on this tablet: entered twice. Only for whoever
 * is signed in, who already proved it with a badge or their old PIN.
 */
export function SetPinScreen() {
  const { pins } = useFloor();
  const operator = useOperator();
  const [first, setFirst] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!operator.personId) {
    return (
      <div className="page">
        <h1>Set a PIN</h1>
        <p className="notice">Sign in first (scan your badge), then set your PIN.</p>
        <Link className="btn btn-primary" href="/sign-in?next=%2Fpin">
          Sign in
        </Link>
      </div>
    );
  }

  const onPin = async (pin: string) => {
    if (first === null) {
      setFirst(pin);
      setMessage('Enter the same PIN again.');
      return;
    }
    if (pin !== first) {
      setFirst(null);
      setMessage('The two PINs differ — start again.');
      return;
    }
    setBusy(true);
    try {
      await pins.set(operator.personId, pin, operator.personId);
      toast(`PIN set for ${operator.name} on this tablet`);
      navigate('/', { replace: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page" data-testid="set-pin">
      <h1>
        {pins.has(operator.personId) ? 'Change' : 'Set'} the PIN of {operator.name}
      </h1>
      <p className="muted">4 to 6 digits. It works on this tablet; your badge works everywhere.</p>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <PinPad
        key={first === null ? 'first' : 'again'}
        label={first === null ? 'New PIN' : 'New PIN again'}
        busy={busy}
        onSubmit={(p) => void onPin(p)}
      />
    </div>
  );
}
