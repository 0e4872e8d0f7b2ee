import { expect, request, type APIRequestContext } from '@playwright/test';
import { PASSWORD, STAFF, type StaffName } from './accounts';

export interface Json {
  [key: string]: any;
}

/**
 * A staff member talking to the API directly, to find or prepare a test's own data and to
 * check what the UI did. Its own cookie jar, so it never disturbs the browser's session.
 */
export class StaffApi {
  private constructor(
    private readonly http: APIRequestContext,
    private readonly csrfToken: string,
    readonly user: { id: number; email: string; role: string },
  ) {}

  static async as(name: StaffName, baseURL: string): Promise<StaffApi> {
    const http = await request.newContext({ baseURL });
    const res = await http.post('/api/auth/login', { data: { email: STAFF[name], password: PASSWORD } });
    expect(res.status(), `login as ${name}`).toBe(200);
    const body = await res.json();
    return new StaffApi(http, body.csrfToken, body.user);
  }

  async get(path: string): Promise<Json> {
    const res = await this.http.get(`/api${path}`);
    expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
    return res.json();
  }

  async list(resource: string, filter: Json = {}, sort: [string, 'ASC' | 'DESC'] = ['id', 'ASC'], range: [number, number] = [0, 499]): Promise<Json[]> {
    const params = new URLSearchParams({ filter: JSON.stringify(filter), sort: JSON.stringify(sort), range: JSON.stringify(range) });
    return (await this.get(`/${resource}?${params}`)) as Json[];
  }

  /** POST and answer the status and body, whatever the status. */
  async post(path: string, data: Json, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
    const res = await this.http.post(`/api${path}`, { data, headers: { 'X-CSRF-Token': this.csrfToken, ...headers } });
    return { status: res.status(), body: await res.json().catch(() => ({})) };
  }

  /** PUT and answer the status and body, whatever the status. */
  async put(path: string, data: Json): Promise<{ status: number; body: Json }> {
    const res = await this.http.put(`/api${path}`, { data, headers: { 'X-CSRF-Token': this.csrfToken } });
    return { status: res.status(), body: await res.json().catch(() => ({})) };
  }

  async mustPost(path: string, data: Json, headers: Record<string, string> = {}): Promise<Json> {
    const res = await this.post(path, data, headers);
    expect(res.status, `POST ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  }

  act(request: Json, action: string, body: Json = {}) {
    return this.mustPost(`/closure-requests/${request.id}/actions/${action}`, { version: request.version, ...body });
  }

  async dispose() {
    await this.http.dispose();
  }
}
