import type { SecretBox } from '../accounts/secret-box.ts';
import { insertAudit } from '../accounts/accounts.repo.ts';
import type { Executor } from '../db/executor.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { AppError, notFound } from '../http/errors.ts';
import { sealAccessCode } from '../relay/printer-config.secrets.ts';
import type { AnyWireDoc } from '../sync/push-decision.ts';
import { findMasters, pullJson } from '../sync/sync.repo.ts';
import type { SyncService } from '../sync/sync.service.ts';
import { wireOf } from '../sync/wire.ts';
import { findConnection, listConnections, upsertConnection } from './printer-connection.repo.ts';
import type { ConnectionRow } from './printer-connection.repo.ts';

/**
 * What an admin sees of a printer's connection: everything but the secret, whose presence is a
 * flag. No endpoint ever returns an access code, sealed or not.
 */
export interface ConnectionView {
  printerId: string;
  code: string;
  protocol: string;
  serial: string;
  host: string | null;
  port: number | null;
  baseTopic: string | null;
  hasAccessCode: boolean;
  hasCa: boolean;
  updatedAt: string | null;
}

/** A change to a printer's connection: absent = keep, null = clear. */
export interface ConnectionInput {
  host?: string | null | undefined;
  port?: number | null | undefined;
  /** Lives in the replicated printers document (tablets show it); written through sync. */
  serial?: string | undefined;
  accessCode?: string | null | undefined;
  caPem?: string | null | undefined;
  baseTopic?: string | null | undefined;
}

export interface Actor {
  userId: string;
  ip: string | null;
}

const printersWire = () => wireOf('printers');

function view(doc: AnyWireDoc, row: ConnectionRow | undefined): ConnectionView {
  return {
    printerId: doc.id,
    code: String(doc.code),
    protocol: String(doc.protocol),
    serial: typeof doc.serial === 'string' ? doc.serial : '',
    host: row?.host ?? null,
    port: row?.port ?? null,
    baseTopic: row?.baseTopic ?? null,
    hasAccessCode: !!row?.accessCode,
    hasCa: !!row?.caPem,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The audit's picture of a connection: no secret, only whether there is one. */
const audited = (row: ConnectionRow | undefined) => ({
  host: row?.host ?? null,
  port: row?.port ?? null,
  baseTopic: row?.baseTopic ?? null,
  hasAccessCode: !!row?.accessCode,
  hasCa: !!row?.caPem,
});

/**
 * Admins set and rotate how the relay reaches a printer (issue 7). The access code is sealed with
 * SecretBox before it is written; without SECRETS_KEY none can be stored (409). Every change is
 * audited (never the secret itself: `accessCode: 'rotated'`), and the relay reloads.
 */
export class PrinterConnectionsService {
  constructor(
    private readonly db: Executor,
    private readonly sync: SyncService,
    private readonly secrets: SecretBox | undefined,
    /** Called after a change commits (main.ts: the relay reloads its printers). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  async list(tenantId: string): Promise<ConnectionView[]> {
    return withTenant(this.db, tenantId, async (tx) => {
      const rows = new Map((await listConnections(tx, tenantId)).map((r) => [r.printerId, r]));
      const docs = await this.#printers(tx, tenantId);
      return docs.map((d) => view(d, rows.get(d.id))).sort((a, b) => a.code.localeCompare(b.code));
    });
  }

  async get(tenantId: string, printerId: string): Promise<ConnectionView> {
    return withTenant(this.db, tenantId, async (tx) => {
      const doc = await this.#printer(tx, tenantId, printerId);
      return view(doc, await findConnection(tx, tenantId, printerId));
    });
  }

  async set(tenantId: string, printerId: string, input: ConnectionInput, by: Actor): Promise<ConnectionView> {
    // Sealed before the transaction: without a key nothing is written.
    const sealed = input.accessCode ? this.#seal(tenantId, printerId, input.accessCode) : input.accessCode;
    const result = await withTenant(this.db, tenantId, async (tx) => {
      const doc = await this.#printer(tx, tenantId, printerId);
      const before = await findConnection(tx, tenantId, printerId);
      const keep = <K extends keyof ConnectionRow>(k: K, v: ConnectionRow[K] | undefined) =>
        v === undefined ? (before?.[k] ?? null) : v;
      const accessCode = sealed === undefined ? (before?.accessCode ?? null) : sealed || null;
      const row: ConnectionRow = {
        tenantId,
        printerId,
        host: keep('host', input.host),
        port: keep('port', input.port),
        accessCode,
        caPem: keep('caPem', input.caPem),
        baseTopic: keep('baseTopic', input.baseTopic),
        updatedAt: new Date().toISOString(),
      };
      await upsertConnection(tx, row);
      await insertAudit(tx, {
        tenantId,
        actor: `user:${by.userId}`,
        action: 'printer.connection_set',
        target: `printers/${printerId}`,
        ip: by.ip,
        before: audited(before),
        after: {
          ...audited(row),
          ...(input.accessCode === undefined ? {} : { accessCode: input.accessCode ? 'rotated' : 'cleared' }),
        },
      });
      return { doc, row };
    });
    let doc = result.doc;
    if (input.serial !== undefined && input.serial !== doc.serial)
      doc = await this.#setSerial(tenantId, doc, input.serial, by);
    this.onChange();
    return view(doc, result.row);
  }

  #seal(tenantId: string, printerId: string, code: string): string {
    if (!this.secrets) {
      throw new AppError(
        409,
        'secrets_key_missing',
        'printer access codes are stored encrypted: start the server with SECRETS_KEY (openssl rand -hex 32)',
      );
    }
    return sealAccessCode(this.secrets, tenantId, printerId, code);
  }

  /** The serial is a field of the replicated printers document: changed like any edit, through sync. */
  async #setSerial(tenantId: string, current: AnyWireDoc, serial: string, by: Actor): Promise<AnyWireDoc> {
    let master = current;
    for (let attempt = 0; attempt < 3; attempt++) {
      const next = { ...master, serial, updatedAt: new Date().toISOString(), updatedBy: `user:${by.userId}` };
      const conflicts = await this.sync.push(
        tenantId,
        'printers',
        [{ assumedMasterState: master, newDocumentState: next }],
        { actor: `user:${by.userId}`, ip: by.ip },
      );
      if (conflicts.length === 0) return next;
      const latest = conflicts[0];
      if (!latest || latest._deleted) break;
      master = latest; // a tablet edited it meanwhile: apply the serial to its version
    }
    throw new AppError(409, 'conflict', 'the printer keeps changing; try again');
  }

  async #printers(tx: Executor, tenantId: string): Promise<AnyWireDoc[]> {
    const all = await printerDocs(tx, tenantId);
    return all.filter((d) => !d._deleted);
  }

  async #printer(tx: Executor, tenantId: string, printerId: string): Promise<AnyWireDoc> {
    const doc = (await findMasters(tx, printersWire(), tenantId, [printerId])).get(printerId);
    if (!doc || doc._deleted) throw notFound('no_such_printer', 'no such printer');
    return doc;
  }
}

/** Every printers document of the tenant (a farm has tens, not thousands). */
async function printerDocs(tx: Executor, tenantId: string): Promise<AnyWireDoc[]> {
  const docs: AnyWireDoc[] = [];
  let seq = 0;
  for (;;) {
    const page = await pullJson(tx, printersWire(), tenantId, seq, 1000);
    const batch = JSON.parse(page.json) as AnyWireDoc[];
    docs.push(...batch);
    if (batch.length < 1000 || page.lastSeq === undefined) return docs;
    seq = page.lastSeq;
  }
}
