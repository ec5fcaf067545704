/** Who is calling: resolved from the device token by the auth middleware (sync rule 8). */
export interface AuthContext {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  deviceId: string;
  deviceName: string;
}

/** Hono environment of the whole app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    auth: AuthContext;
  };
}
