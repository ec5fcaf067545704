import { useState } from 'react';
import { navigate } from '../../app/router.ts';
import { Link } from '../../components/Link.tsx';
import { toast } from '../../components/Toast.tsx';
import { useFloor, useOperator } from '../../hooks/use-floor.ts';
import { PinPad } from './PinPad.tsx';
import { useServerPins } from './use-pins.ts';

type Step = 'current' | 'new' | 'again';

/**
 * The signed-in person sets (or changes) their PIN: kept by the server, so it works on every
 * tablet (issue 7). A first PIN needs only the badge sign-in; changing one asks for the current
 * PIN first (the server counts wrong ones toward the lockout). Needs the network.
 */
export function SetPinScreen() {
  const { operators } = useFloor();
  const { pins } = useServerPins();
  const operator = useOperator();
  const [step, setStep] = useState<Step | null>(null);
  const [current, setCurrent] = useState<string | undefined>(undefined);
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

  const personId = operator.personId;
  const shown: Step = step ?? (pins.hasOnServer(personId) ? 'current' : 'new');
  const restart = (why: string, to: Step = 'new') => {
    setFirst(null);
    setStep(to);
    setMessage(why);
  };

  const save = async (pin: string) => {
    setBusy(true);
    try {
      const r = await pins.set(personId, pin, current);
      if (r.ok) {
        operators.touch();
        toast(`PIN set for ${operator.name}`);
        navigate('/', { replace: true });
        return;
      }
      switch (r.reason) {
        case 'current-required':
          return restart('You already have a PIN: enter the current one first.', 'current');
        case 'wrong':
          setCurrent(undefined);
          return restart(`The current PIN is wrong — ${r.attemptsLeft} tries left.`, 'current');
        case 'locked':
          setCurrent(undefined);
          return restart(
            `Too many wrong PINs: locked until ${new Date(r.lockedUntil).toLocaleTimeString()}. A manager can reset it.`,
            'current',
          );
        case 'offline':
        case 'unknown-person':
        case 'device-refused':
        case 'failed':
          return restart(r.message);
      }
    } finally {
      setBusy(false);
    }
  };

  const onPin = (pin: string) => {
    if (shown === 'current') {
      setCurrent(pin);
      return restart('Now the new PIN.');
    }
    if (shown === 'new' || first === null) {
      setFirst(pin);
      setStep('again');
      setMessage('Enter the same PIN again.');
      return;
    }
    if (pin !== first) return restart('The two PINs differ — start again.');
    void save(pin);
  };

  const label = shown === 'current' ? 'Current PIN' : shown === 'new' ? 'New PIN' : 'New PIN again';
  return (
    <div className="page" data-testid="set-pin">
      <h1>
        {pins.hasOnServer(personId) ? 'Change' : 'Set'} the PIN of {operator.name}
      </h1>
      <p className="muted">4 to 6 digits. It works on every tablet of the shop; your badge works too.</p>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <PinPad key={shown} label={label} busy={busy} onSubmit={onPin} />
    </div>
  );
}
