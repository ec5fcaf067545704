import { useMemo } from 'react';
import { foldSpoolLedger, type LedgerState, type SpoolMovement } from '@printfloor/shared';
import { useQuery } from '../../hooks/use-query.ts';

/**
 * Every spool's ledger folded (remaining grams, %, level). One query over all movements grouped in
 * memory: cheaper than a query per spool for a list, and exact because the fold is order-independent.
 */
export function useSpoolLedgers(netWeightById: ReadonlyMap<string, number>): Map<string, LedgerState> {
  const { docs } = useQuery('spool_movements', {});
  return useMemo(() => {
    const bySpool = new Map<string, SpoolMovement[]>();
    for (const m of docs) {
      const list = bySpool.get(m.spoolId);
      if (list) list.push(m);
      else bySpool.set(m.spoolId, [m]);
    }
    const out = new Map<string, LedgerState>();
    for (const [id, net] of netWeightById) out.set(id, foldSpoolLedger(bySpool.get(id) ?? [], net));
    return out;
  }, [docs, netWeightById]);
}
