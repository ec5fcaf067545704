import { useEffect, useState } from 'react';

type Listener = (msg: string) => void;
const listeners = new Set<Listener>();

/** Shows a short confirmation ("Saved on this tablet") at the bottom of the screen. */
export function toast(msg: string): void {
  for (const l of listeners) l(msg);
}

export function ToastHost() {
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    let t: ReturnType<typeof setTimeout> | undefined;
    const l: Listener = (m) => {
      setMsg(m);
      clearTimeout(t);
      t = setTimeout(() => setMsg(null), 2500);
    };
    listeners.add(l);
    return () => {
      listeners.delete(l);
      clearTimeout(t);
    };
  }, []);
  return msg ? (
    <div className="toast" role="status" data-testid="toast">
      {msg}
    </div>
  ) : null;
}
