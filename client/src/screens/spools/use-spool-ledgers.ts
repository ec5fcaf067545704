import { useSyncExternalStore } from 'react';
import { useApp } from '../../app/client-context.ts';
import type { PrintfloorDatabase } from '../../data/database.ts';
import { logger } from '../../data/logger.ts';
import { SpoolLedgerIndex, type SpoolLedgers } from './spool-ledger-index.ts';

/**
 * One ledger index per open database, started the first time a screen asks for it and kept for
 * the session: going back to the spool list costs nothing, and synced movements keep it current
 * in the background (one spool marked stale per movement, folded when shown).
 */
const indexes = new WeakMap<PrintfloorDatabase, SpoolLedgerIndex>();

function indexFor(db: PrintfloorDatabase): SpoolLedgerIndex {
  let index = indexes.get(db);
  if (!index) {
    const created = new SpoolLedgerIndex(db);
    indexes.set(db, created);
    created.start().catch((err: unknown) => logger.error('spool ledger index failed to load', err));
    index = created;
  }
  return index;
}

export interface SpoolLedgersView {
  /** Folded ledger per spool, exact and cached: `ledgers.get(spool.id, spool.netWeightG)`. */
  ledgers: SpoolLedgers;
  /** Changes whenever any movement changed (use it as a memo dependency); `-1` while loading. */
  version: number;
  failure: string | null;
}

/** Every spool's ledger, live, folded incrementally (see `SpoolLedgerIndex`). */
export function useSpoolLedgers(): SpoolLedgersView {
  const { client } = useApp();
  const index = indexFor(client.db);
  const version = useSyncExternalStore(index.version.subscribe, index.version.get);
  const failure = useSyncExternalStore(index.failure.subscribe, index.failure.get);
  return { ledgers: index.ledgers, version, failure };
}
