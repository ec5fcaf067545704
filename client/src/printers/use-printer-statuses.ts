import { useEffect, useSyncExternalStore } from 'react';
import { useApp } from '../app/client-context.ts';
import { PrinterStreamClient, type PrinterStreamSnapshot } from './printer-stream.ts';

/**
 * One shared stream per device token, however many components read it: the first user opens it,
 * the last one to unmount closes it (after a short grace so a route change does not reconnect).
 */
interface Shared {
  client: PrinterStreamClient;
  users: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
}
const shared = new Map<string, Shared>();
const CLOSE_GRACE_MS = 5_000;

function acquire(baseUrl: string, token: string): Shared {
  const key = `${baseUrl}|${token}`;
  let s = shared.get(key);
  if (!s) {
    s = { client: new PrinterStreamClient({ baseUrl, token }), users: 0, closeTimer: null };
    shared.set(key, s);
  }
  return s;
}

function retain(s: Shared, key: string): () => void {
  if (s.closeTimer) clearTimeout(s.closeTimer);
  s.closeTimer = null;
  s.users += 1;
  s.client.start();
  return () => {
    s.users -= 1;
    if (s.users > 0) return;
    s.closeTimer = setTimeout(() => {
      s.client.stop();
      shared.delete(key);
    }, CLOSE_GRACE_MS);
  };
}

/** Live printer statuses by printer code, and whether they are live right now. */
export function usePrinterStatuses(): PrinterStreamSnapshot {
  const { client } = useApp();
  const baseUrl = client.api.baseUrl;
  const token = client.api.token;
  const s = acquire(baseUrl, token);
  useEffect(() => retain(s, `${baseUrl}|${token}`), [s, baseUrl, token]);
  return useSyncExternalStore(s.client.subscribe, s.client.get);
}
