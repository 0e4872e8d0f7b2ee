import { assertConforms, rawFetch } from './contract';
import { DEMO_PASSWORD } from './test-server';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A staff member's browser, reduced to what the API sees: a cookie and a CSRF token. */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  user: { id: number; email: string; role: string } | null = null;

  /** Every answer is checked against the OpenAPI document (contract.ts); false only for requests the test builds outside the contract on purpose. */
  checkContract = true;

  constructor(readonly baseUrl: string, readonly headers: Record<string, string> = {}) {}

  static async as(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await client.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  async request<T = any>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.headers, ...extra };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in extra)) headers['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await rawFetch(this.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
    this.keepCookies(res.headers.getSetCookie());
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    if ((path === '/api/auth/login' || path === '/api/auth/enrol') && res.status === 200) {
      const b = parsed as { csrfToken: string; user: ApiClient['user'] };
      this.csrfToken = b.csrfToken;
      this.user = b.user;
    }
    if (this.checkContract && path.startsWith('/api/')) {
      assertConforms(method, path, { status: res.status, contentType: res.headers.get('content-type'), body: parsed });
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** A browser's cookie jar, reduced: each Set-Cookie replaces (or, when expired, removes) the cookie of its name. */
  keepCookies(setCookies: string[]): void {
    if (!setCookies.length) return;
    const jar = new Map<string, string>();
    for (const pair of (this.cookie ?? '').split(/;\s*/).filter(Boolean)) {
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      if (/;\s*max-age=0\b/i.test(line) || pair!.slice(i + 1) === '') jar.delete(name);
      else jar.set(name, pair!.slice(i + 1));
    }
    this.cookie = jar.size ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : null;
  }

  /** One cookie's value, e.g. the session token. */
  cookieValue(name: string): string | undefined {
    for (const pair of (this.cookie ?? '').split(/;\s*/)) {
      const i = pair.indexOf('=');
      if (pair.slice(0, i) === name) return pair.slice(i + 1);
    }
    return undefined;
  }

  /** The session token, whichever name it has (`cd_session` on HTTP, `__Host-cd_session` over HTTPS). */
  get sessionToken(): string | undefined {
    return this.cookieValue('cd_session') ?? this.cookieValue('__Host-cd_session');
  }

  get<T = any>(path: string, extra?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, extra);
  }
  post<T = any>(path: string, body?: unknown, extra?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, extra);
  }

  /** GET a list with React-Admin's query parameters. */
  list<T = any>(resource: string, q: { sort?: unknown; range?: unknown; filter?: unknown } = {}) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const qs = params.toString();
    return this.get<T>(`/api/${resource}${qs ? `?${qs}` : ''}`);
  }
}

export const totalOf = (res: ApiResponse) => Number(res.headers.get('content-range')?.split('/')[1]);
