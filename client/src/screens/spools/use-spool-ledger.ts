import { useMemo } from 'react';
import { foldSpoolLedger, type LedgerState, type Spool } from '@printfloor/shared';
import { useQuery } from '../../hooks/use-query.ts';

/** One spool's ledger folded (remaining grams, %, level), live; null while it loads. */
export function useSpoolLedger(spool: Pick<Spool, 'id' | 'netWeightG'> | null): LedgerState | null {
  const { docs, loading } = useQuery('spool_movements', spool ? { selector: { spoolId: spool.id } } : null);
  const net = spool?.netWeightG ?? 0;
  return useMemo(() => (spool && !loading ? foldSpoolLedger(docs, net) : null), [spool, loading, docs, net]);
}
