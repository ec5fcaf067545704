import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { AppError, notFound } from '../http/errors.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { listUsers } from './accounts.repo.ts';
import { AccountError, emailSchema, passwordSchema, roleSchema } from './accounts.service.ts';
import type { AccountsService } from './accounts.service.ts';
import { authBodyLimit, parseBody, tooManyRequests } from './auth.routes.ts';
import { DeviceError } from './devices.service.ts';
import type { DevicesService } from './devices.service.ts';
import { RateLimiter } from './rate-limit.ts';
import { requireRole } from './session.middleware.ts';

const deviceName = z.string().trim().min(1).max(100);
const uuidParam = z.uuid();

export interface ManageDeps {
  accounts: AccountsService;
  devices: DevicesService;
  /** Throttle on `POST /api/devices/pair` per IP. */
  pairLimiter?: RateLimiter;
}

function deviceId(raw: string): string {
  const r = uuidParam.safeParse(raw);
  if (!r.success) throw notFound('no_such_device', 'no such device');
  return r.data;
}

function fromDeviceError(err: unknown): unknown {
  if (err instanceof DeviceError) {
    return err.code === 'invalid_code'
      ? new AppError(403, err.code, err.message)
      : notFound(err.code, err.message);
  }
  return err;
}

/**
 * `/api/devices`: tablet enrolment. A manager asks for a pairing code (shown as a QR); the tablet
 * redeems it, unauthenticated but throttled, for its device token.
 */
export function deviceRoutes(deps: ManageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = deps.pairLimiter ?? new RateLimiter(10, 6_000);

  app.post('/pairing', requireRole(deps.accounts, 'manager'), async (c) => {
    const u = c.get('user');
    const { code, expiresAt } = await deps.devices.createPairingCode(u.tenantId, u.userId);
    return c.json({ code, expiresAt: expiresAt.toISOString(), path: `/enrol#pair=${code}` }, 201);
  });

  app.post('/pair', authBodyLimit, async (c) => {
    const ip = clientIp(c);
    const wait = limiter.take(ip);
    if (wait > 0) throw tooManyRequests(c, wait);
    const body = await parseBody(c, z.object({ code: z.string().min(1).max(40), name: deviceName }));
    try {
      const r = await deps.devices.pair(body.code, body.name, ip);
      return c.json(
        { token: r.token, device: { id: r.device.id, name: r.device.name }, tenant: r.tenant },
        201,
      );
    } catch (err) {
      throw fromDeviceError(err);
    }
  });
  return app;
}

/** `/api/manage`: manager-only views and actions on the tenant's devices and audit log. */
export function manageRoutes(deps: ManageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole(deps.accounts, 'manager'));

  app.get('/devices', async (c) => {
    const rows = await deps.devices.list(c.get('user').tenantId);
    return c.json({ devices: rows.map(({ tenantId: _t, ...d }) => d) });
  });

  app.patch('/devices/:id', authBodyLimit, async (c) => {
    const u = c.get('user');
    const { name } = await parseBody(c, z.object({ name: deviceName }));
    try {
      await deps.devices.rename(u.tenantId, deviceId(c.req.param('id')), name, `user:${u.userId}`);
    } catch (err) {
      throw fromDeviceError(err);
    }
    return c.json({ ok: true });
  });

  app.post('/devices/:id/revoke', async (c) => {
    const u = c.get('user');
    try {
      await deps.devices.revoke(u.tenantId, deviceId(c.req.param('id')), `user:${u.userId}`);
    } catch (err) {
      throw fromDeviceError(err);
    }
    return c.json({ ok: true });
  });

  // GET /audit (paged, filtered): audit/audit.routes.ts, mounted at /api/manage/audit in app.ts.
  return app;
}

/** `/api/admin`: users of the tenant (admins only). */
export function adminRoutes(deps: ManageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole(deps.accounts, 'admin'));

  app.get('/users', async (c) =>
    c.json({
      users: await withTenant(deps.accounts.db, c.get('user').tenantId, (tx) =>
        listUsers(tx, c.get('user').tenantId),
      ),
    }),
  );

  app.post('/users', authBodyLimit, async (c) => {
    const u = c.get('user');
    const body = await parseBody(
      c,
      z.object({ email: emailSchema, role: roleSchema, password: passwordSchema }),
    );
    try {
      const made = await deps.accounts.createUser(u.tenantId, body.email, body.role, body.password);
      await deps.accounts.audit({
        tenantId: u.tenantId,
        actor: `user:${u.userId}`,
        action: 'user.created',
        target: `user:${made.id}`,
        ip: clientIp(c),
        after: { email: made.email, role: made.role },
      });
      return c.json({ user: { id: made.id, email: made.email, role: made.role } }, 201);
    } catch (err) {
      if (err instanceof AccountError) throw new AppError(409, err.code, err.message);
      throw err;
    }
  });

  app.patch('/users/:id', authBodyLimit, async (c) => {
    const u = c.get('user');
    const change = await parseBody(
      c,
      z
        .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
        .refine((b) => b.role !== undefined || b.disabled !== undefined, 'give role and/or disabled'),
    );
    const id = userId(c.req.param('id'));
    try {
      const { before, after } = await deps.accounts.updateUser(u.tenantId, id, change);
      if (before.role !== after.role || before.disabled !== after.disabled) {
        await deps.accounts.audit({
          tenantId: u.tenantId,
          actor: `user:${u.userId}`,
          action: 'user.updated',
          target: `user:${id}`,
          ip: clientIp(c),
          before: { role: before.role, disabled: before.disabled },
          after: { role: after.role, disabled: after.disabled },
        });
      }
      return c.json({ user: after });
    } catch (err) {
      throw fromAccountError(err);
    }
  });

  app.post('/users/:id/password', authBodyLimit, async (c) => {
    const u = c.get('user');
    const { password } = await parseBody(c, z.object({ password: passwordSchema }));
    const id = userId(c.req.param('id'));
    try {
      await deps.accounts.setPassword(u.tenantId, id, password);
    } catch (err) {
      throw fromAccountError(err);
    }
    // The password itself is never logged; the entry records that it changed and who did it.
    await deps.accounts.audit({
      tenantId: u.tenantId,
      actor: `user:${u.userId}`,
      action: 'user.password_reset',
      target: `user:${id}`,
      ip: clientIp(c),
    });
    return c.json({ ok: true });
  });
  return app;
}

function userId(raw: string): string {
  const r = uuidParam.safeParse(raw);
  if (!r.success) throw notFound('no_such_user', 'no such user');
  return r.data;
}

function fromAccountError(err: unknown): unknown {
  if (!(err instanceof AccountError)) return err;
  return err.code === 'no_such_user'
    ? notFound(err.code, err.message)
    : new AppError(409, err.code, err.message);
}
