import { useEffect, useState } from 'react';
import type { FeedState } from './report-feed.ts';

/** True once `active` has held for `ms`: a loading line that would only blink stays away. */
export function useDelayed(active: boolean, ms = 400): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(t);
  }, [active, ms]);
  return active && shown;
}

const time = (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Small print under a page head: where its heavy figures come from. Server: "Server report ·
 * updated 10:42:07"; fallback: "Computed on this device — server unreachable".
 */
export function FiguresNote({
  feed,
  localReady,
  sayLoading = true,
}: {
  feed: FeedState<unknown>;
  /** The local computation has its data (else the fallback is still loading it). */
  localReady: boolean;
  /** False where the page shows local figures until the server answers. */
  sayLoading?: boolean;
}) {
  const slow = useDelayed(
    sayLoading && (feed.status === 'loading' || (feed.status === 'fallback' && !localReady)),
  );
  let text = '';
  if (feed.status === 'fallback') text = `Computed on this device — ${feed.reason ?? 'server unreachable'}`;
  else if (feed.status === 'server' && feed.updatedAt !== null)
    text = `Server report · updated ${time(feed.updatedAt)}`;
  if (slow) text = 'Loading figures…';
  return (
    <p
      className="muted small figures-note"
      data-testid="figures-source"
      data-source={feed.status === 'fallback' ? 'local' : feed.status}
      data-requests={feed.requests}
      role="status"
      style={{
        margin: '0 0 8px',
        minHeight: '1.4em',
        fontStyle: feed.status === 'fallback' ? 'italic' : 'normal',
      }}
    >
      {text}
    </p>
  );
}
