import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` (for live timers); static when `live` is false. */
export function useNow(intervalMs: number, live = true): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, live]);
  return now;
}
