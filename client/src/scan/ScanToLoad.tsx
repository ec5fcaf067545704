import { useMemo, useState } from 'react';
import type { Printer } from '@printfloor/shared';
import { useApp } from '../app/client-context.ts';
import { toast } from '../components/Toast.tsx';
import { loadSpool } from '../data/spool-commands.ts';
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
}

/**
 * Target-first loading: the operator picked a printer slot; any scan now (camera here, or a hand
 * scanner anywhere) loads that spool into it. Other labels get a message and change nothing.
 */
export function ScanToLoad({ printer, slot, onLoaded, onClose }: ScanToLoadProps) {
  const { client } = useApp();
  const lookups = useMemo(() => createRxScanLookups(client.db), [client]);
  const [last, setLast] = useState<string | null>(null);
  const where = slot ? `${printer.name || printer.code} · ${slot}` : printer.name || printer.code;

  useScanTarget(async (text) => {
    const r = await runTargetScan(text, lookups, ['spool'], async (record) => {
      const doc = await client.db.spools.findOne(record.id).exec();
      if (!doc) throw new Error(`spool ${record.code} is not on this tablet`);
      await loadSpool(client.db, client.writer, doc.toJSON(), printer, slot);
      onLoaded?.(record.id);
      return `Loaded ${record.code} on ${where}`;
    });
    setLast(r.message);
    toast(r.message);
    return true;
  });

  return (
    <CameraScanner
      title={`Scan the spool to load on ${where}`}
      onScan={(text) => void routeScan(text)}
      onClose={onClose}
    >
      {last && <p data-testid="scan-to-load-result">{last}</p>}
    </CameraScanner>
  );
}
