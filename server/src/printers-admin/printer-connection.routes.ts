import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { parseBody } from '../accounts/auth.routes.ts';
import { requireRole } from '../accounts/session.middleware.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { notFound, payloadTooLarge } from '../http/errors.ts';
import type { PrinterConnectionsService } from './printer-connection.service.ts';

const MAX_BODY_BYTES = 64 * 1024;
/** A host name or an IPv4/IPv6 address: letters, digits, dots, dashes, colons; no scheme, no path. */
const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address, without scheme or port');

const connectionBody = z.strictObject({
  host: host.nullable().optional(),
  port: z.int().min(1).max(65535).nullable().optional(),
  serial: z.string().trim().max(100).optional(),
  /** The Bambu LAN access code (8 characters on current firmware; longer accepted). */
  accessCode: z.string().min(1).max(128).nullable().optional(),
  caPem: z
    .string()
    .max(32_000)
    .regex(/-----BEGIN CERTIFICATE-----/, 'PEM certificate(s)')
    .nullable()
    .optional(),
  baseTopic: z.string().trim().min(1).max(200).nullable().optional(),
});

const printerId = (raw: string) => {
  if (raw.length === 0 || raw.length > 64) throw notFound('no_such_printer', 'no such printer');
  return raw;
};

/**
 * `/api/admin/printers` (admins): how the relay reaches each printer. `GET /` lists them,
 * `GET /:id/connection` shows one, `PUT /:id/connection` sets or rotates host, port, serial, access
 * code, CA and base topic (absent = keep, null = clear). Answers never hold the access code, only
 * `hasAccessCode`.
 */
export function printerAdminRoutes(deps: {
  accounts: AccountsService;
  connections: PrinterConnectionsService;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole(deps.accounts, 'admin'));

  app.get('/', async (c) => c.json({ printers: await deps.connections.list(c.get('user').tenantId) }));

  app.get('/:id/connection', async (c) =>
    c.json({ connection: await deps.connections.get(c.get('user').tenantId, printerId(c.req.param('id'))) }),
  );

  app.put(
    '/:id/connection',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw payloadTooLarge(`at most ${MAX_BODY_BYTES} bytes`);
      },
    }),
    async (c) => {
      const u = c.get('user');
      const body = await parseBody(c, connectionBody);
      const connection = await deps.connections.set(u.tenantId, printerId(c.req.param('id')), body, {
        userId: u.userId,
        ip: clientIp(c),
      });
      return c.json({ connection });
    },
  );
  return app;
}
