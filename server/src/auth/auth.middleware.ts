import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { unauthorized } from '../http/errors.ts';
import type { AuthService } from './auth.service.ts';

export interface RequireDeviceOptions {
  /** Also accept `?token=` (the SSE stream: EventSource cannot set headers). */
  allowQueryToken?: boolean;
}

/** `Authorization: Bearer <device token>` → `c.get('auth')`, or 401 with the error envelope. */
export function requireDevice(auth: AuthService, opts: RequireDeviceOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    const token = bearer ?? (opts.allowQueryToken ? c.req.query('token') : undefined);
    if (!token) throw unauthorized('unauthorized', 'missing device token (Authorization: Bearer <token>)');
    const result = await auth.authenticate(token);
    if (!result.ok) {
      throw result.reason === 'device_revoked'
        ? unauthorized('device_revoked', 'this device has been revoked; enrol it again')
        : unauthorized('invalid_token', 'unknown device token');
    }
    c.set('auth', result.auth);
    await next();
  };
}
