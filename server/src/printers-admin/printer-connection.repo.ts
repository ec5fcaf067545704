import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/executor.ts';
import { printerConnections } from '../relay/relay.schema.ts';

/** SQL of the admin's printer connections (issue 7); callers run it under the tenant's scope. */

export type ConnectionRow = typeof printerConnections.$inferSelect;

export async function findConnection(
  tx: Executor,
  tenantId: string,
  printerId: string,
): Promise<ConnectionRow | undefined> {
  const rows = await tx
    .select()
    .from(printerConnections)
    .where(and(eq(printerConnections.tenantId, tenantId), eq(printerConnections.printerId, printerId)))
    .for('update');
  return rows[0];
}

export async function listConnections(tx: Executor, tenantId: string): Promise<ConnectionRow[]> {
  return tx.select().from(printerConnections).where(eq(printerConnections.tenantId, tenantId));
}

export async function upsertConnection(tx: Executor, row: ConnectionRow): Promise<void> {
  const { tenantId: _t, printerId: _p, ...set } = row;
  await tx
    .insert(printerConnections)
    .values(row)
    .onConflictDoUpdate({ target: [printerConnections.tenantId, printerConnections.printerId], set });
}
