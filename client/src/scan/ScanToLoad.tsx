import { useMemo, useState } from 'react';
import { decodeQr, type Printer } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { toast } from '../components/Toast.tsx';
import { useFloor, useOperator } from '../hooks/use-floor.ts';
import { CameraScanner } from './CameraScanner.tsx';
import { createRxScanLookups } from './rx-lookups.ts';
import { routeScan, useScanTarget } from './scan-targets.ts';
import { runTargetScan } from './target-scan.ts';

export interface ScanToLoadProps {
  printer: Printer;
  /** AMS slot or tool, e.g. `AMS1-2`, `T0`. */
  slot: string;
  /** Called after a spool was loaded (e.g. to close the panel). */
  onLoaded?: (spoolId: string) => void;
  onClose?: () => void;
  /** Keep the camera on for the next slot's spool. */
  continuous?: boolean;
}

/**
 * Target-first loading: the operator picked a printer slot; any scan now (camera here, or a hand
 * scanner anywhere) loads that spool into it — an ordinary floor action, stamped with the operator
 * and undoable. A badge passes through (to switch operator); other labels get a message and change
 * nothing.
 */
export function ScanToLoad({ printer, slot, onLoaded, onClose, continuous = false }: ScanToLoadProps) {
  const { client } = useApp();
  const { commands } = useFloor();
  const operator = useOperator();
  const lookups = useMemo(() => createRxScanLookups(client.db), [client]);
  const [last, setLast] = useState<{ ok: boolean; message: string } | null>(null);
  const where = slot ? `${printer.code} · ${slot}` : printer.code;

  useScanTarget(async (text) => {
    const p = decodeQr(text);
    if (p.type === 'record' && p.kind === 'person') return false;
    const r = operator.personId
      ? await runTargetScan(text, lookups, ['spool'], async (record) => {
          const doc = await client.db.spools.findOne(record.id).exec();
          if (!doc) throw new Error(`spool ${record.code} is not on this tablet`);
          const spool = doc.toJSON();
          if (spool.status !== 'active') throw new Error(`spool ${spool.code} is ${spool.status}`);
          if (spool.loadedPrinterId === printer.id && spool.loadedSlot === slot)
            return `${spool.code} is already on ${where}`;
          await commands.loadSpool(spool, printer, slot);
          onLoaded?.(record.id);
          return `Loaded ${record.code} on ${where}`;
        })
      : { ok: false, message: 'Sign in first (scan your badge): the load records who did it.' };
    setLast(r);
    toast(r.message);
    return true;
  });

  return (
    <CameraScanner
      title={`Scan the spool for ${where}`}
      continuous={continuous}
      onScan={(text) => void routeScan(text)}
      onClose={onClose}
    >
      {last && (
        <p
          className={`pf-scan__result ${last.ok ? '' : 'pf-scan__result--bad'}`}
          data-testid="scan-to-load-result"
          data-ok={last.ok}
        >
          {last.message}
        </p>
      )}
    </CameraScanner>
  );
}
