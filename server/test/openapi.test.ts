import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { contractProblems } from './support/contract';
import { startTestServer, type TestServer } from './support/test-server';
import { apiRoutes } from '../src/app';
import type { AppContext } from '../src/platform/context';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ customers: 5 });
});
afterAll(() => server?.stop());

describe('the OpenAPI document of the whole API', () => {
  it('when /api/openapi.json is fetched without a session, then it is OpenAPI 3.1 with every route of the table', async () => {
    const res = await new ApiClient(server.url).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const fakeModels = new Proxy({}, { get: () => ({}) });
    const routes = apiRoutes({ models: fakeModels, db: { sequelize: { escape: String, literal: String } }, config: {} } as unknown as AppContext);
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => `${m.toUpperCase()} ${p} ${op.operationId}`));
    const table = routes.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')} ${r.doc.operationId}`);
    expect(operations.sort()).toEqual(table.sort());
    // the security schemes, and a created request's id feeding its actions
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['csrf', 'intakeKey', 'session']);
    const created = doc.paths['/closure-requests'].post.responses['201'];
    expect(created.links.Claim).toEqual(expect.objectContaining({ operationId: 'claimClosureRequest', parameters: { id: '$response.body#/id' } }));
    expect(doc.paths['/refunds'].post.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
  });

  it('when the intake document is fetched, then it is the intake slice of the same source', async () => {
    const client = new ApiClient(server.url);
    const whole = (await client.get('/api/openapi.json')).body;
    const intake = (await client.get('/api/intake/openapi.json')).body;
    for (const [p, ops] of Object.entries(intake.paths as Record<string, { post: unknown }>)) {
      expect(ops.post).toEqual(whole.paths[`/intake${p}`].post);
    }
  });

  it('when /api/docs is opened, then the reference page and its scripts come from our own origin under the CSP', async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const sources = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources).toEqual(['/api/docs/redoc.standalone.js', '/api/docs/init.js']);
    for (const src of sources) {
      const res = await fetch(server.url + src);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect((await res.text()).length).toBeGreaterThan(50);
    }
  });

  it('when an answer drifts from the document, then the check names the status or the field', async () => {
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    const list = await agent.list('closure-requests', { range: [0, 0] });
    const one = await agent.get(`/api/closure-requests/${list.body[0].id}`);
    const answer = (body: unknown, status = 200) => ({ status, contentType: 'application/json; charset=utf-8', body });
    const path = `/api/closure-requests/${one.body.id}`;
    expect(contractProblems('GET', path, answer(one.body))).toEqual([]);
    expect(contractProblems('GET', path, answer({ ...one.body, version: '1' })).join()).toMatch(/version must be integer/);
    expect(contractProblems('GET', path, answer({ ...one.body, dueAt: '2026-11-22 08:30' })).join()).toMatch(/dueAt must match format "date-time"/);
    expect(contractProblems('GET', path, answer({ message: 'x', code: 'version_conflict' }, 409)).join()).toMatch(/status 409 is not listed/);
    expect(contractProblems('GET', path, answer({ message: 'x', code: 'forbidden' }, 404)).join()).toMatch(/code must be equal to one of the allowed values/);
    expect(contractProblems('GET', '/api/no-such-thing', answer({ message: 'x', code: 'not_found' }, 200)).join()).toMatch(/not an operation/);
  });
});
