import type { Role } from '../accounts/roles.ts';

/** Who is calling: resolved from the device token by the auth middleware (sync rule 8). */
export interface AuthContext {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  deviceId: string;
  deviceName: string;
}

/** Who is signed in: resolved from the session cookie by the session middleware (issue 7). */
export interface UserContext {
  sessionId: string;
  csrfToken: string;
  userId: string;
  email: string;
  role: Role;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
}

/** Hono environment of the whole app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    auth: AuthContext;
    user: UserContext;
  };
}
