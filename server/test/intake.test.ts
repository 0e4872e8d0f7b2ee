import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { contractProblems } from './support/contract';
import { freeCustomer, OPEN } from './support/factories';
import { INTAKE_KEY, startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let staff: ApiClient;
let intake: ApiClient;
let spec: any;

beforeAll(async () => {
  server = await startTestServer({ customers: 60 });
  staff = await ApiClient.as(server.url, 'supervisor@demo.test');
  intake = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });
  spec = (await new ApiClient(server.url).get('/api/intake/openapi.json')).body;
});
afterAll(() => server?.stop());

let n = 0;
const key = () => `key-${Date.now()}-${++n}`;
const post = (path: string, body: unknown, k: string | null = key()) =>
  intake.post(`/api/intake${path}`, body, k === null ? {} : { 'idempotency-key': k });

/** Every answer the tests see is checked against the published OpenAPI document (the client does it too). */
function conforms(path: string, res: { status: number; headers: Headers; body: unknown }) {
  expect(spec.paths[path].post.responses[String(res.status)], `${path} ${res.status} is not in the intake document`).toBeDefined();
  expect(contractProblems('POST', `/api/intake${path}`, { status: res.status, contentType: res.headers.get('content-type'), body: res.body })).toEqual([]);
}

describe('the intake API', () => {
  it('when the key is missing or wrong, then 401; when the Idempotency-Key is missing, then 400', async () => {
    const anon = await new ApiClient(server.url).post('/api/intake/closure-requests', {}, { 'idempotency-key': 'a' });
    expect(anon.status).toBe(401);
    const wrong = await new ApiClient(server.url, { authorization: 'Bearer nope' }).post('/api/intake/bill-payments', {}, { 'idempotency-key': 'a' });
    expect(wrong.body.code).toBe('unauthenticated');
    const noKey = await post('/closure-requests', { accountNo: 'A1', reasonCode: 'other' }, null);
    expect(noKey.status).toBe(400);
    conforms('/closure-requests', noKey);
  });

  it('when the app asks to close an account, then a verified app request is opened; a replay answers the same; another body conflicts', async () => {
    const customer = await freeCustomer(staff);
    const k = key();
    const body = { accountNo: customer.accountNo, reasonCode: 'switching_provider', reasonText: '换运营商' };
    const first = await post('/closure-requests', body, k);
    expect(first.status).toBe(201);
    conforms('/closure-requests', first);
    expect(first.body).toMatchObject({ channel: 'app', status: 'submitted', identityVerified: true, verificationMethod: 'app_login' });
    const replay = await post('/closure-requests', body, k);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await post('/closure-requests', { ...body, reasonCode: 'other' }, k);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('idempotency_conflict');
    const dup = await post('/closure-requests', body);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate_open_request');
    conforms('/closure-requests', dup);
    const withdrawn = await post(`/closure-requests/${first.body.reference}/withdraw`, { note: 'changed my mind' });
    expect(withdrawn.body.status).toBe('withdrawn');
    conforms('/closure-requests/{reference}/withdraw', withdrawn);
    const again = await post(`/closure-requests/${first.body.reference}/withdraw`, {});
    expect(again.body.code).toBe('invalid_transition');
  });

  it('when the same account is posted many times at once with different keys, then exactly one request opens', async () => {
    const customer = await freeCustomer(staff);
    const results = await Promise.all(Array.from({ length: 10 }, () => post('/closure-requests', { accountNo: customer.accountNo, reasonCode: 'other' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'duplicate_open_request')).toBe(true);
    const open = await staff.list('closure-requests', { filter: { customerId: customer.id, status: OPEN } });
    expect(open.body).toHaveLength(1);
  });

  it('when the same key is sent many times at once, then the work is done once and every answer is the same', async () => {
    const customer = await freeCustomer(staff);
    const k = key();
    const body = { accountNo: customer.accountNo, reasonCode: 'too_expensive' };
    const results = await Promise.all(Array.from({ length: 8 }, () => post('/closure-requests', body, k)));
    for (const r of results) {
      expect(r.status).toBe(201);
      expect(r.body).toEqual(results[0]!.body);
    }
    const all = await staff.list('closure-requests', { filter: { customerId: customer.id } });
    expect(all.body.filter((r: any) => r.channel === 'app' && r.reasonCode === 'too_expensive')).toHaveLength(1);
  });

  it('when the account is closed or unknown, then 409 account_closed or 404', async () => {
    const closed = (await staff.list('customers', { filter: { status: 'closed' } })).body[0];
    const res = await post('/closure-requests', { accountNo: closed.accountNo, reasonCode: 'other' });
    expect(res.body.code).toBe('account_closed');
    const unknown = await post('/closure-requests', { accountNo: 'A00000000', reasonCode: 'other' });
    expect(unknown.status).toBe(404);
    conforms('/closure-requests', unknown);
    const bad = await post('/closure-requests', { accountNo: closed.accountNo, reasonCode: 'bored', extra: 1 });
    expect(bad.status).toBe(400);
  });

  it('when the billing system reports payments, then bills and outstanding amounts follow, and overpayment is refused', async () => {
    const owing = await freeCustomer(staff, { outstandingAmount_gte: 1 });
    const bill = (await staff.list('bills', { filter: { customerId: owing.id, status: ['open', 'overdue'] } })).body[0];
    const owed = bill.amountDue - bill.amountPaid;
    const over = await post('/bill-payments', { billNo: bill.billNo, amount: owed + 1, paidAt: new Date().toISOString(), reference: 'PAY-1' });
    expect(over.status).toBe(409);
    conforms('/bill-payments', over);
    for (const amount of [0, -5, 1.5, '100']) {
      const res = await post('/bill-payments', { billNo: bill.billNo, amount, paidAt: new Date().toISOString(), reference: 'PAY-X' });
      expect(res.status, String(amount)).toBe(400);
    }
    const k = key();
    const part = await post('/bill-payments', { billNo: bill.billNo, amount: 1, paidAt: new Date().toISOString(), reference: 'PAY-2' }, k);
    expect(part.body.amountPaid).toBe(bill.amountPaid + 1);
    conforms('/bill-payments', part);
    const replay = await post('/bill-payments', { billNo: bill.billNo, amount: 1, paidAt: new Date(0).toISOString(), reference: 'PAY-2' }, k);
    expect(replay.body.code).toBe('idempotency_conflict');
    const rest = await post('/bill-payments', { billNo: bill.billNo, amount: owed - 1, paidAt: new Date().toISOString(), reference: 'PAY-3' });
    expect(rest.body).toMatchObject({ status: 'paid', outstanding: 0 });
    const after = (await staff.get(`/api/customers/${owing.id}`)).body;
    expect(after.outstandingAmount).toBe(owing.outstandingAmount - owed);
  });

  it('when the eSIM platform reports a deletion, then the profile is no longer installed', async () => {
    const installed = (await staff.list('esim-profiles', { filter: { deviceState: 'installed', networkState: 'active' } })).body[0];
    const res = await post('/profile-events', { iccid: installed.iccid, event: 'deleted', at: new Date().toISOString() });
    expect(res.status).toBe(200);
    conforms('/profile-events', res);
    expect(res.body.deviceState).toBe('deleted');
    const unknown = await post('/profile-events', { iccid: '8986000000000000000', event: 'deleted', at: new Date().toISOString() });
    expect(unknown.status).toBe(404);
  });

  it('when the OpenAPI document is fetched, then it is OpenAPI 3.1 and names every intake path', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths).sort()).toEqual([
      '/bill-payments', '/closure-requests', '/closure-requests/{reference}', '/closure-requests/{reference}/answer', '/closure-requests/{reference}/appeal', '/closure-requests/{reference}/withdraw', '/profile-events',
    ]);
  });
});
