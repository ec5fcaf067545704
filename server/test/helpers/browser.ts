/** A cookie-carrying client like a browser tab on the manager view (issue 7 tests). */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-printfloor-csrf': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const set = res.headers.getSetCookie().find((c) => c.startsWith('pf_session='));
    if (set) this.cookie = set.split(';')[0];
    const csrf = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async login(email: string, password: string, tenant?: string) {
    return this.request('POST', '/api/auth/login', { email, password, ...(tenant ? { tenant } : {}) });
  }
}

export const errorCode = (body: unknown) => (body as { error?: { code?: string } }).error?.code;
