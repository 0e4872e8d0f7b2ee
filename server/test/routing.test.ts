import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@closure-desk/shared';
import { startConfiguredServer } from '../reliability/support/server';
import { ApiClient } from './support/api-client';
import { freeCustomer, logPhoneRequest, must, today } from './support/factories';
import { INTAKE_KEY, type TestServer } from './support/test-server';

// One spelling per route (app.ts: case-sensitive, strict routing) and idempotency keys scoped by
// (caller, method, route pattern) (platform/http/idempotency.ts). With a console build in place, so the
// single-page app's own paths are checked to still work.
let server: TestServer;
let staff: ApiClient;
let agent: ApiClient;
let intake: ApiClient;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Closure Desk</title><div id="root"></div>');
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app")');
  server = await startConfiguredServer({ clientDist: dist }, { customers: 60 });
  staff = await ApiClient.as(server.url, 'supervisor@demo.test');
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  intake = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
});

/** A 404 in the API's error shape. */
function expectNotFound(res: { status: number; headers: Headers; body: any }, label: string) {
  expect(res.status, label).toBe(404);
  expect(res.headers.get('content-type'), label).toMatch(/application\/json/);
  expect(res.body.code, label).toBe('not_found');
  expect(ERROR_CODES).toContain(res.body.code);
  expect(typeof res.body.message, label).toBe('string');
}

describe('routes have one spelling, and an idempotency key one effect', () => {
  it('when one Idempotency-Key and body are sent to the bill-payments path spelt four ways, then one payment is applied and the other spellings are 404', async () => {
    const owing = await freeCustomer(staff, { outstandingAmount_gte: 5 });
    const bill = (await staff.list('bills', { filter: { customerId: owing.id, status: ['open', 'overdue'] } })).body[0];
    const body = { billNo: bill.billNo, amount: 1, paidAt: new Date().toISOString(), reference: `PAY-SPELL-${bill.id}` };
    const k = `spelling-${Date.now()}`;
    const answers = [];
    for (const spelling of ['/api/intake/bill-payments', '/api/intake/bill-payments/', '/api/intake/Bill-Payments', '/api/intake/BILL-PAYMENTS/', '/API/intake/bill-payments', '/api/Intake/bill-payments']) {
      answers.push({ spelling, res: await intake.post(spelling, body, { 'idempotency-key': k }) });
    }
    expect(answers[0]!.res.status).toBe(200);
    for (const { spelling, res } of answers.slice(1)) expectNotFound(res, spelling);
    const replay = await intake.post('/api/intake/bill-payments', body, { 'idempotency-key': k });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const after = (await staff.get(`/api/bills/${bill.id}`)).body;
    expect(after.amountPaid).toBe(bill.amountPaid + 1); // applied once
  });

  it('when a staff route is spelt another way, then 404, and a refund key makes one refund', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, cashBalance_gte: 200, cashBalance_lte: 50_000 });
    let request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    request = await must(agent, request, 'approve', { balanceDecision: 'refund', effectiveDate: today() });
    const body = { closureRequestId: request.id, amount: 100, method: 'original_payment', payoutReference: `PO-SPELL-${request.id}` };
    const k = `refund-spelling-${request.id}`;
    expect((await agent.post('/api/refunds', body, { 'idempotency-key': k })).status).toBe(201);
    for (const spelling of ['/api/refunds/', '/api/Refunds', '/api/REFUNDS/']) expectNotFound(await agent.post(spelling, body, { 'idempotency-key': k }), spelling);
    expect((await agent.list('refunds', { filter: { closureRequestId: request.id } })).body).toHaveLength(1);
    for (const spelling of ['/api/health/', '/api/Health', '/API/health', '/api/closure-requests/', `/api/closure-requests/${request.id}/`, '/Api']) {
      expectNotFound(await staff.get(spelling), spelling);
    }
  });

  it('when a key is sent again on another reference of the same route, then 409 idempotency_conflict, not the first answer', async () => {
    const open = async () => {
      const customer = await freeCustomer(staff, { outstandingAmount_lte: 0 });
      const res = await intake.post('/api/intake/closure-requests', { accountNo: customer.accountNo, reasonCode: 'other' }, { 'idempotency-key': `open-${customer.id}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const [a, b] = [await open(), await open()];
    const k = `withdraw-${a.id}`;
    const first = await intake.post(`/api/intake/closure-requests/${a.reference}/withdraw`, {}, { 'idempotency-key': k });
    expect(first.body.status).toBe('withdrawn');
    const other = await intake.post(`/api/intake/closure-requests/${b.reference}/withdraw`, {}, { 'idempotency-key': k });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency_conflict');
    expect((await staff.get(`/api/closure-requests/${b.id}`)).body.status).toBe('submitted');
  });

  it('when the console is served, then its page, its files and the API documents still answer; unknown paths are a 404 in the error shape', async () => {
    const anon = new ApiClient(server.url);
    for (const page of ['/', '/closure-requests', '/closure-requests/12/show', '/apidocs']) {
      const res = await anon.get(page);
      expect(res.status, page).toBe(200);
      expect(res.body, page).toContain('<div id="root">');
    }
    const asset = await anon.get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toContain('console.log');
    const openapi = await anon.get('/api/intake/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toBe('3.1.0');
    expect((await anon.get('/api/health')).status).toBe(200);
    expectNotFound(await anon.get('/API/health'), 'GET /API/health is not the console page');
    expectNotFound(await anon.get('/api/no-such-thing'), '/api/no-such-thing');
    expectNotFound(await anon.request('POST', '/no-such-page', {}), 'POST /no-such-page');
  });
});
