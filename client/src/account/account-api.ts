import type { Role } from '@printfloor/shared';

/**
 * The cookie-session API of the manager view (issue 7): sign in, who am I, sign out, and the
 * manager actions. The session lives in an httpOnly cookie the page cannot read; every write sends
 * the session's CSRF token in `x-printfloor-csrf` (the server refuses a cookie write without it).
 */

export const CSRF_HEADER = 'x-printfloor-csrf';

export interface AccountSession {
  user: { id: string; email: string; role: Role };
  tenant: { slug: string; name: string };
  csrfToken: string;
}

/** A refused or failed request, with the server's error code (`invalid_credentials`, `forbidden`…). */
export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

interface Envelope {
  error?: { code?: string; message?: string; details?: unknown };
}

async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; csrf?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.csrf) headers[CSRF_HEADER] = init.csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new AccountError(0, 'network', 'The server cannot be reached. Check the network and try again.');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = (body as Envelope | null)?.error;
    const retry = Number(res.headers.get('retry-after'));
    throw new AccountError(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? `HTTP ${res.status}`,
      e?.details,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }
  return body as T;
}

/** The signed-in session, or null when nobody is signed in in this browser. */
export async function fetchSession(): Promise<AccountSession | null> {
  try {
    return await call<AccountSession>('/api/auth/session');
  } catch (err) {
    if (err instanceof AccountError && err.status === 401) return null;
    throw err;
  }
}

export async function login(email: string, password: string): Promise<void> {
  await call('/api/auth/login', { method: 'POST', body: { email, password } });
}

export async function logout(csrf: string): Promise<void> {
  await call('/api/auth/logout', { method: 'POST', csrf });
}

/** A device token bound to this session, so this browser can sync like a tablet (lead or higher). */
export function issueBrowserDevice(csrf: string) {
  return call<{
    token: string;
    device: { id: string; name: string };
    tenant: { slug: string; name: string };
  }>('/api/auth/browser-device', { method: 'POST', csrf });
}

export interface PairingCode {
  code: string;
  expiresAt: string;
  path: string;
}

/** A one-time tablet pairing code, valid 10 minutes (manager or higher). */
export function createPairingCode(csrf: string): Promise<PairingCode> {
  return call<PairingCode>('/api/devices/pairing', { method: 'POST', csrf });
}

export interface ShopSettings {
  operatorIdleMinutes: number;
}

export async function fetchSettings(): Promise<ShopSettings> {
  return (await call<{ settings: ShopSettings }>('/api/manage/settings')).settings;
}

export async function saveSettings(csrf: string, s: ShopSettings): Promise<ShopSettings> {
  return (await call<{ settings: ShopSettings }>('/api/manage/settings', { method: 'PUT', body: s, csrf }))
    .settings;
}

/** Redeems a pairing code on the tablet: no session, the code is the credential. */
export function redeemPairingCode(code: string, name: string) {
  return call<{
    token: string;
    device: { id: string; name: string };
    tenant: { slug: string; name: string };
  }>('/api/devices/pair', { method: 'POST', body: { code, name } });
}

/** Person ids that have a PIN on the server (manager or higher). */
export async function fetchPinPeople(): Promise<string[]> {
  return (await call<{ people: string[] }>('/api/manage/pins')).people;
}

/** Clears a person's PIN and lockout; they set a new one after a badge sign-in. */
export async function resetPin(csrf: string, personId: string): Promise<void> {
  await call(`/api/manage/pins/${encodeURIComponent(personId)}`, { method: 'DELETE', csrf });
}

/** A user of the shop as an admin sees it (`GET /api/admin/users`). */
export interface AdminUser {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
}

export async function fetchUsers(): Promise<AdminUser[]> {
  return (await call<{ users: AdminUser[] }>('/api/admin/users')).users;
}

export async function addUser(
  csrf: string,
  u: { email: string; role: Role; password: string },
): Promise<void> {
  await call('/api/admin/users', { method: 'POST', body: u, csrf });
}

/** Role and/or disabled; the user's open sessions end (the server refuses to lose the last admin). */
export async function updateUser(
  csrf: string,
  id: string,
  change: { role?: Role; disabled?: boolean },
): Promise<void> {
  await call(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: change, csrf });
}

export async function setUserPassword(csrf: string, id: string, password: string): Promise<void> {
  await call(`/api/admin/users/${encodeURIComponent(id)}/password`, {
    method: 'POST',
    body: { password },
    csrf,
  });
}

export async function renameDevice(csrf: string, id: string, name: string): Promise<void> {
  await call(`/api/manage/devices/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name }, csrf });
}

/** The device's token stops working at once (its next request gets 401). */
export async function revokeDevice(csrf: string, id: string): Promise<void> {
  await call(`/api/manage/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST', csrf });
}

/** How the relay reaches a printer (`/api/admin/printers`); the access code is never sent back. */
export interface PrinterConnection {
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

export async function fetchPrinterConnections(): Promise<PrinterConnection[]> {
  return (await call<{ printers: PrinterConnection[] }>('/api/admin/printers')).printers;
}

/** Sets the given fields (absent = keep, null = clear). */
export async function savePrinterConnection(
  csrf: string,
  printerId: string,
  change: { host?: string | null; port?: number | null; serial?: string; accessCode?: string | null },
): Promise<PrinterConnection> {
  return (
    await call<{ connection: PrinterConnection }>(
      `/api/admin/printers/${encodeURIComponent(printerId)}/connection`,
      { method: 'PUT', body: change, csrf },
    )
  ).connection;
}
