import { useEffect, useState, useSyncExternalStore } from 'react';
import { useFloor } from '../hooks/use-floor.ts';
import { toast } from './Toast.tsx';

/**
 * The last action and its Undo button, for 10 seconds (issue 3). Big, at the bottom, never over
 * the action buttons' usual place; it says where the action is saved (this tablet, when offline).
 */
export function UndoBar() {
  const { undo } = useFloor();
  const entry = useSyncExternalStore(undo.latest.subscribe, undo.latest.get);
  const [, setTick] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!entry) return;
    const t = setInterval(() => {
      setTick((n) => n + 1);
      undo.prune();
    }, 250);
    return () => clearInterval(t);
  }, [entry, undo]);

  if (!entry) return null;
  // Read the clock at render: a new entry must not show the previous entry's countdown.
  const left = Math.max(0, Math.ceil((entry.expiresAt - Date.now()) / 1000));
  const onUndo = async () => {
    setBusy(true);
    try {
      const outcome = await undo.undo(entry.id);
      toast(outcome === 'undone' ? `Undone: ${entry.label}` : 'Too late to undo — the 10 seconds are over');
    } catch (err) {
      toast(`Undo failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="undo-bar" role="status" data-testid="undo-bar">
      <span className="undo-text">
        <strong>✓ {entry.label}</strong>
        <small>{navigator.onLine ? 'Saved' : 'Saved on this tablet — syncs when back online'}</small>
      </span>
      <button className="btn btn-undo" disabled={busy} onClick={() => void onUndo()} data-testid="undo">
        ↶ Undo ({left} s)
      </button>
    </div>
  );
}
