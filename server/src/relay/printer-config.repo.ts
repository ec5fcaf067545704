import { and, eq, getTableColumns } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { PRINTER_PROTOCOLS } from '@printfloor/shared';
import { printers } from '../db/schema/replicated.ts';
import type { RelayDb } from './pg-status-store.ts';
import { printerConnections } from './relay.schema.ts';
import type { PrinterConfig } from './relay.types.ts';
import type { SecretBox } from '../accounts/secret-box.ts';
import type { Logger } from '../logger.ts';
import { openAccessCode } from './printer-config.secrets.ts';

export interface LoadPrinterConfigsOptions {
  /** Opens the sealed access codes (SECRETS_KEY); without it only legacy plain-text ones are usable. */
  secrets?: SecretBox | undefined;
  logger?: Logger | undefined;
}

const isProtocol = (p: unknown): p is PrinterConfig['protocol'] =>
  typeof p === 'string' && (PRINTER_PROTOCOLS as readonly string[]).includes(p);

/** A column of the replicated `printers` table (derived from the zod schema, so typed loosely). */
function printerColumn(field: string): AnyPgColumn {
  const col = (getTableColumns(printers) as Record<string, AnyPgColumn | undefined>)[field];
  if (!col) throw new Error(`printers table has no ${field} column`);
  return col;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Every active printer of every tenant with how to reach it: the replicated `printers` row (code,
 * protocol, serial, model) joined with its server-only `printer_connections` row (host, access
 * code, CA, base topic). The result holds secrets, unsealed here (printer-config.secrets.ts): it
 * stays inside the relay. Every tenant's printers at once, so it runs as the owning role, not under
 * one tenant's row-level security (the relay serves the whole site).
 */
export async function loadPrinterConfigs(
  db: RelayDb,
  opts: LoadPrinterConfigsOptions = {},
): Promise<PrinterConfig[]> {
  const rows = await db
    .select({
      tenantId: printers.tenantId,
      id: printers.id,
      code: printerColumn('code'),
      protocol: printerColumn('protocol'),
      serial: printerColumn('serial'),
      model: printerColumn('model'),
      host: printerConnections.host,
      port: printerConnections.port,
      accessCode: printerConnections.accessCode,
      caPem: printerConnections.caPem,
      baseTopic: printerConnections.baseTopic,
    })
    .from(printers)
    .leftJoin(
      printerConnections,
      and(eq(printerConnections.tenantId, printers.tenantId), eq(printerConnections.printerId, printers.id)),
    )
    .where(and(eq(printerColumn('active'), true), eq(printers.deleted, false)));
  const out: PrinterConfig[] = [];
  for (const r of rows) {
    const code = text(r.code);
    if (!isProtocol(r.protocol) || code === undefined) continue;
    const cfg: PrinterConfig = {
      tenantId: String(r.tenantId),
      printerId: String(r.id),
      code,
      protocol: r.protocol,
    };
    const stored = text(r.accessCode);
    const where = { tenantId: cfg.tenantId, printerId: String(r.id), code };
    const optional: Partial<PrinterConfig> = {
      serial: text(r.serial),
      model: text(r.model),
      host: text(r.host),
      port: typeof r.port === 'number' ? r.port : undefined,
      accessCode:
        stored === undefined ? undefined : text(openAccessCode(stored, where, opts.secrets, opts.logger)),
      ca: text(r.caPem),
      baseTopic: text(r.baseTopic),
    };
    for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(cfg, { [k]: v });
    out.push(cfg);
  }
  return out;
}
