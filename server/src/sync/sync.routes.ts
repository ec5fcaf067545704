import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthService } from '../auth/auth.service.ts';
import { requireDevice } from '../auth/auth.middleware.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import { payloadTooLarge } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import type { StreamHub } from './stream-hub.ts';
import type { SyncService } from './sync.service.ts';
import { parseCollection, parsePullQuery, parsePushBody } from './sync.validation.ts';

/**
 * Bytes a push body may hold: MAX_PUSH_BATCH rows of two documents of a few KB each fit well
 * below; anything larger is refused while streaming in, before it is parsed.
 */
export const MAX_PUSH_BYTES = 16 * 1024 * 1024;

/** `/api/sync`: parse, authorize, call the service (DESIGN.md "Sync"). */
export function syncRoutes(deps: { sync: SyncService; auth: AuthService; hub: StreamHub }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/stream', requireDevice(deps.auth, { allowQueryToken: true }), (c) =>
    deps.hub.open(
      c,
      c.get('auth').tenantId,
      () => deps.auth.stillValid(c.get('auth').deviceId),
      c.get('auth').deviceId,
    ),
  );

  app.get('/counts', requireDevice(deps.auth), async (c) =>
    c.json({ counts: await deps.sync.counts(c.get('auth').tenantId) }),
  );

  app.get('/:collection/pull', requireDevice(deps.auth), async (c) => {
    const name = parseCollection(c.req.param('collection'));
    const { seq, limit } = parsePullQuery(c.req.query());
    const body = await deps.sync.pullBody(c.get('auth').tenantId, name, seq, limit);
    return c.body(body, 200, { 'content-type': 'application/json; charset=UTF-8' });
  });

  app.post(
    '/:collection/push',
    requireDevice(deps.auth),
    bodyLimit({
      maxSize: MAX_PUSH_BYTES,
      onError: () => {
        throw payloadTooLarge(`a push body holds at most ${MAX_PUSH_BYTES} bytes`, {
          maxBytes: MAX_PUSH_BYTES,
        });
      },
    }),
    async (c) => {
      const name = parseCollection(c.req.param('collection'));
      const rows = parsePushBody(name, await readJson(c));
      const { tenantId, deviceId } = c.get('auth');
      const by = { actor: `device:${deviceId}`, deviceId, ip: clientIp(c) };
      return c.json(await deps.sync.push(tenantId, name, rows, by, c.req.raw.signal));
    },
  );

  return app;
}
