import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, totalOf } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let agent: ApiClient;
let supervisor: ApiClient;
beforeAll(async () => {
  server = await startTestServer({ customers: 60 });
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
});
afterAll(() => server?.stop());

const RESOURCES = ['closure-requests', 'customers', 'bills', 'balance-entries', 'esim-profiles', 'refunds', 'notifications'];

describe('the list convention', () => {
  it.each(RESOURCES)('when %s is listed, then it answers an array and Content-Range with the total', async (resource) => {
    const res = await agent.list(resource, { range: [0, 4] });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.length).toBeLessThanOrEqual(5);
    expect(res.headers.get('content-range')).toMatch(new RegExp(`^${resource} (\\d+-\\d+|\\*)/\\d+$`));
    expect(res.headers.get('access-control-expose-headers')).toContain('Content-Range');
    expect(totalOf(res)).toBeGreaterThanOrEqual(res.body.length);
    if (res.body.length) {
      const one = await agent.get(`/api/${resource}/${res.body[0].id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(res.body[0]);
    }
  });

  it('when a date filter names a month or day that does not exist (2026-13-01), then 400, not 500 (found by the contract fuzzer)', async () => {
    for (const [resource, filter] of [['closure-requests', { submittedAt: '2026-13-01' }], ['closure-requests', { dueAt_gte: '2026-00-10' }], ['bills', { dueDate: '2026-13-45' }], ['customers', { createdAt_lte: '2026-02-30' }]] as const) {
      const res = await agent.list(resource, { filter });
      expect(res.status, `${resource} ${JSON.stringify(filter)}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('when pages are walked with range, then they are disjoint, ordered and add up to the total', async () => {
    const first = await agent.list('closure-requests', { sort: ['submittedAt', 'DESC'], range: [0, 9] });
    const second = await agent.list('closure-requests', { sort: ['submittedAt', 'DESC'], range: [10, 19] });
    expect(first.headers.get('content-range')).toBe(`closure-requests 0-9/${totalOf(first)}`);
    expect(second.headers.get('content-range')).toBe(`closure-requests 10-19/${totalOf(first)}`);
    const all = [...first.body, ...second.body];
    expect(new Set(all.map((r) => r.id)).size).toBe(20);
    const times = all.map((r) => r.submittedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('when sorted ascending by a money field, then the order follows the integer amounts', async () => {
    const res = await agent.list('customers', { sort: ['cashBalance', 'ASC'], range: [0, 49] });
    const amounts = res.body.map((c: { cashBalance: number }) => c.cashBalance);
    expect(amounts.every(Number.isInteger)).toBe(true);
    expect([...amounts].sort((a, b) => a - b)).toEqual(amounts);
  });

  it('when filtered by a field, an array of values, ids or a range, then only matching rows come back with the right total', async () => {
    const submitted = await agent.list('closure-requests', { filter: { status: 'submitted' }, range: [0, 499] });
    expect(submitted.body.length).toBeGreaterThan(0);
    expect(submitted.body.every((r: { status: string }) => r.status === 'submitted')).toBe(true);
    expect(totalOf(submitted)).toBe(submitted.body.length);

    const open = await agent.list('closure-requests', { filter: { status: ['submitted', 'in_review'] }, range: [0, 499] });
    expect(new Set(open.body.map((r: { status: string }) => r.status))).toEqual(new Set(['submitted', 'in_review']));

    const ids = open.body.slice(0, 3).map((r: { id: number }) => r.id);
    const byIds = await agent.list('closure-requests', { filter: { id: ids } });
    expect(byIds.body.map((r: { id: number }) => r.id).sort()).toEqual([...ids].sort());

    const rich = await agent.list('customers', { filter: { cashBalance_gte: 50_000 }, range: [0, 499] });
    expect(rich.body.length).toBeGreaterThan(0);
    expect(rich.body.every((c: { cashBalance: number }) => c.cashBalance >= 50_000)).toBe(true);
    const owing = await agent.list('customers', { filter: { outstandingAmount_gte: 1, status: 'active' }, range: [0, 499] });
    expect(owing.body.length).toBeGreaterThan(0);
    expect(owing.body.every((c: { outstandingAmount: number }) => c.outstandingAmount >= 1)).toBe(true);

    const since = '2026-11-15T00:00:00.000Z';
    const recent = await agent.list('closure-requests', { filter: { submittedAt_gte: since }, range: [0, 499] });
    expect(recent.body.every((r: { submittedAt: string }) => r.submittedAt >= since)).toBe(true);
  });

  it('when filtered on overdue, then only open requests past dueAt come back, each flagged overdue', async () => {
    const overdue = await agent.list('closure-requests', { filter: { overdue: true }, range: [0, 499] });
    expect(overdue.body.length).toBeGreaterThan(0);
    const now = new Date().toISOString();
    for (const r of overdue.body) {
      expect(r.overdue).toBe(true);
      expect(['submitted', 'in_review', 'awaiting_customer', 'approved']).toContain(r.status);
      expect(r.dueAt < now).toBe(true);
    }
    const notOverdue = await agent.list('closure-requests', { filter: { overdue: false }, range: [0, 499] });
    expect(notOverdue.body.every((r: { overdue: boolean }) => !r.overdue)).toBe(true);
    const all = await agent.list('closure-requests', { range: [0, 0] });
    expect(totalOf(overdue) + totalOf(notOverdue)).toBe(totalOf(all));
  });

  // One or two characters match names by their start (no trigram index holds less than three): search-masking.test.ts.
  it('when searched with q, then a reference, an account number, a name or an ICCID finds its request', async () => {
    const [sample] = (await agent.list('closure-requests', { range: [0, 0], sort: ['id', 'ASC'] })).body;
    const customer = (await agent.get(`/api/customers/${sample.customerId}`)).body;
    const profile = (await agent.list('esim-profiles', { filter: { customerId: sample.customerId } })).body[0];
    for (const q of [sample.reference, customer.accountNo, customer.fullName.slice(0, 2), profile.iccid]) {
      const res = await agent.list('closure-requests', { filter: { q }, range: [0, 499] });
      expect(res.status).toBe(200);
      expect(res.body.map((r: { id: number }) => r.id), q).toContain(sample.id);
    }
    const nothing = await agent.list('closure-requests', { filter: { q: '%_%' } });
    expect(nothing.status).toBe(200);
    expect(nothing.body).toEqual([]);
  });

  it('when a list is asked for what it does not have, then each mistake is a 400 validation_failed', async () => {
    const bad: [string, Record<string, unknown>][] = [
      ['unknown sort field', { sort: ['passwordHash', 'ASC'] }],
      ['bad sort order', { sort: ['id', 'SIDEWAYS'] }],
      ['sort not JSON', { sort: 'id ASC' }],
      ['unknown filter', { filter: { nope: 1 } }],
      ['filter not an object', { filter: [1, 2] }],
      ['filter not JSON', { filter: '{status:' }],
      ['bad enum value', { filter: { status: 'lost' } }],
      ['bad integer', { filter: { customerId: 'abc' } }],
      ['range on a field without range', { filter: { status_gte: 'a' } }],
      ['bad date', { filter: { submittedAt_gte: 'yesterday' } }],
      ['page too large', { range: [0, 500] }],
      ['reversed range', { range: [10, 5] }],
      ['negative range', { range: [-1, 5] }],
      ['range not a pair', { range: [0] }],
    ];
    for (const [why, query] of bad) {
      const res = await agent.list('closure-requests', query);
      expect(res.status, why).toBe(400);
      expect(res.body.code, why).toBe('validation_failed');
      expect(typeof res.body.message, why).toBe('string');
    }
    const extra = await agent.get('/api/closure-requests?page=2');
    expect(extra.status).toBe(400);
    const max = await agent.list('closure-requests', { range: [0, 499] });
    expect(max.status).toBe(200);
  });

  it('when a record does not exist or the id is not a number, then 404 not_found', async () => {
    for (const path of ['/api/customers/999999', '/api/customers/abc', '/api/closure-requests/0', '/api/nothing-here']) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });

  it('when customers and profiles are read, then e-mail, phone, document number and MSISDN come masked', async () => {
    const customers = (await supervisor.list('customers', { range: [0, 49] })).body;
    for (const c of customers) {
      expect(c.email).toMatch(/^.\*\*\*@/);
      expect(c.phone).toMatch(/^.{3}\*{4}.{4}$/);
      expect(c.idDocumentNumber).toMatch(/^.{2}\*+.{2}$/);
    }
    const profiles = (await agent.list('esim-profiles', { range: [0, 49] })).body;
    for (const p of profiles) expect(p.msisdn).toMatch(/^.{3}\*{4}.{4}$/);
    const notifications = (await agent.list('notifications', { range: [0, 49] })).body;
    for (const n of notifications) expect(n.recipient).toMatch(/\*\*\*/);
  });

  it('when a list is written to, then 405 method_not_allowed', async () => {
    const post = await supervisor.post('/api/audit-events', { action: 'forged' });
    expect(post.status).toBe(405);
    expect(post.body.code).toBe('method_not_allowed');
    const del = await supervisor.request('DELETE', '/api/audit-events/1');
    expect(del.status).toBe(405);
    const put = await supervisor.request('PUT', '/api/customers/1', { fullName: 'x' });
    expect(put.status).toBe(405);
  });
});
