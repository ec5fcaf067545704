import { useMemo, useState } from 'react';
import { useApp } from '../app/client-context.ts';
import { navigate } from '../app/router.ts';
import { toast } from '../components/Toast.tsx';
import { dispatchScan, type ScanActions } from './dispatch.ts';
import { recordPath } from './record-path.ts';
import { revealHashTarget } from './reveal.ts';
import { createRxScanLookups } from './rx-lookups.ts';
import { FALLBACK, routeScan, useScanTarget } from './scan-targets.ts';
import type { ScanOffer } from './ScanOfferDialog.tsx';
import { useWedgeScanner } from './use-wedge-scanner.ts';

/**
 * "Scan from anywhere" for the app shell: keyboard-wedge scans anywhere go through `routeScan`
 * (target-first screens first), and whatever no screen takes opens the record, asks to bind a new
 * label or to create a spool from a box, or explains in a toast why nothing happened.
 * Render `<ScanOfferDialog>` when `offer` is set.
 */
export function useAppScanner() {
  const { client } = useApp();
  const lookups = useMemo(() => createRxScanLookups(client.db), [client]);
  const [offer, setOffer] = useState<ScanOffer | null>(null);

  const actions: ScanActions = {
    open: (r) => {
      const path = recordPath(r);
      if (path) {
        navigate(path);
        revealHashTarget();
      } else toast(`${r.code}: ${r.title}`);
    },
    offerBind: (kind, code, message) => setOffer({ type: 'unbound', kind, code, message }),
    offerCreateSpool: (ean, prefill, message) => setOffer({ type: 'create-spool', ean, prefill, message }),
    notify: (message) => toast(message),
  };
  useScanTarget(
    async (text) => {
      await dispatchScan(text, lookups, actions);
      return true;
    },
    { priority: FALLBACK },
  );
  useWedgeScanner((code) => void routeScan(code));
  return { offer, dismissOffer: () => setOffer(null), lookups };
}
