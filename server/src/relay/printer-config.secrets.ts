import { and, eq, isNotNull, notLike } from 'drizzle-orm';
import { SecretBox } from '../accounts/secret-box.ts';
import type { Executor } from '../db/executor.ts';
import type { Logger } from '../logger.ts';
import { printerConnections } from './relay.schema.ts';

/**
 * Printer secrets at rest (issue 7): `printer_connections.access_code` holds the Bambu LAN access
 * code sealed with SecretBox (AES-256-GCM, key SECRETS_KEY), bound to its row — the additional data
 * names tenant and printer, so a sealed value copied onto another printer does not open. The
 * column keeps its name; what it holds is `v1.<iv>.<ciphertext>.<tag>`. Values written before
 * sealing existed (plain text) are sealed at the next start that has a key (`sealPlaintextAccessCodes`).
 */
export const accessCodeContext = (tenantId: string, printerId: string) =>
  `printer_connections:${tenantId}:${printerId}:access_code`;

export function sealAccessCode(box: SecretBox, tenantId: string, printerId: string, code: string): string {
  return box.seal(code, accessCodeContext(tenantId, printerId));
}

/**
 * The access code the relay logs in with, from the stored value: sealed → opened with `box`;
 * plain text (a row from before sealing, not re-sealed because no key was set) → as it is, with a
 * warning. Undefined (and a warning) when it cannot be opened: no key, wrong key, or a value moved
 * from another row. The relay then treats the printer as having no access code.
 */
export function openAccessCode(
  stored: string,
  where: { tenantId: string; printerId: string; code: string },
  box: SecretBox | undefined,
  log: Logger | undefined,
): string | undefined {
  if (!SecretBox.isSealed(stored)) {
    log?.warn('printer access code stored in plain text; set SECRETS_KEY and restart to encrypt it', {
      printer: where.code,
    });
    return stored;
  }
  if (!box) {
    log?.warn('printer access code is encrypted but SECRETS_KEY is not set', { printer: where.code });
    return undefined;
  }
  try {
    return box.open(stored, accessCodeContext(where.tenantId, where.printerId));
  } catch (err) {
    log?.warn('printer access code does not open (wrong SECRETS_KEY or tampered row)', {
      printer: where.code,
      err,
    });
    return undefined;
  }
}

/**
 * Seals every access code still stored in plain text, each row in place; returns how many. Run at
 * start with the key, before the relay loads. Maintenance across every tenant, so it runs as the
 * owning role (like the relay's own loading); each UPDATE names its row by tenant and printer and
 * only replaces the value it read (a concurrent admin write wins).
 */
export async function sealPlaintextAccessCodes(db: Executor, box: SecretBox): Promise<number> {
  const rows = await db
    .select({
      tenantId: printerConnections.tenantId,
      printerId: printerConnections.printerId,
      accessCode: printerConnections.accessCode,
    })
    .from(printerConnections)
    .where(and(isNotNull(printerConnections.accessCode), notLike(printerConnections.accessCode, 'v1.%')));
  let n = 0;
  for (const r of rows) {
    if (r.accessCode === null || SecretBox.isSealed(r.accessCode)) continue;
    const done = await db
      .update(printerConnections)
      .set({ accessCode: sealAccessCode(box, r.tenantId, r.printerId, r.accessCode) })
      .where(
        and(
          eq(printerConnections.tenantId, r.tenantId),
          eq(printerConnections.printerId, r.printerId),
          eq(printerConnections.accessCode, r.accessCode),
        ),
      )
      .returning({ printerId: printerConnections.printerId });
    n += done.length;
  }
  return n;
}

/** How many access codes are still plain text (the start-up warning when no key is set). */
export async function countPlaintextAccessCodes(db: Executor): Promise<number> {
  const rows = await db
    .select({ printerId: printerConnections.printerId })
    .from(printerConnections)
    .where(and(isNotNull(printerConnections.accessCode), notLike(printerConnections.accessCode, 'v1.%')));
  return rows.length;
}
