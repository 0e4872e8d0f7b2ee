import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as migration0017 from '../src/platform/db/migrations/0017-refund-threshold-per-currency';
import { ApiClient } from './support/api-client';
import { freeCustomer, logPhoneRequest, must, refund, today } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

// Issue 18: one refund approval threshold per currency (500 HKD, 500 USD and 500 CNY are different sums).
let server: TestServer;
let agent: ApiClient;
let admin: ApiClient;
let admin2: ApiClient;
beforeAll(async () => {
  server = await startTestServer({ customers: 80 });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [agent, admin, admin2] = [await as('agent'), await as('admin'), await as('admin2')];
});
afterAll(() => server?.stop());

const put = (who: ApiClient, key: string, value: unknown) => who.request('PUT', `/api/settings/${key}`, { value });

async function approvedForRefund(currency: string) {
  const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, cashBalance_gte: 1_000, currency });
  let request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
  request = await must(agent, request, 'approve', { balanceDecision: 'refund', effectiveDate: today() });
  return { customer, request };
}

describe('refund approval threshold per currency', () => {
  it('when an agent asks the threshold of a currency, then it is that currency’s own setting; an unknown code is a 400', async () => {
    const hkd = await agent.get('/api/refund-thresholds/HKD');
    expect(hkd.status).toBe(200);
    expect(hkd.body).toEqual({ currency: 'HKD', threshold: 50_000 });
    const bad = await agent.get('/api/refund-thresholds/XYZ');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBeTruthy();
  });

  it('when two admins lower one currency’s threshold, then a refund in it above that waits for a supervisor while the same sum in another currency is recorded', async () => {
    const customers = (await agent.list('customers', { filter: { status: 'active', cashBalance_gte: 1_000, outstandingAmount_lte: 0 }, range: [0, 499] })).body as any[];
    const [a, b] = [...new Set(customers.map((c) => c.currency as string))];
    expect(a && b, 'the seed has cash in two currencies').toBeTruthy();
    const key = `refundApprovalThreshold${a}`;
    expect((await put(admin, key, -1)).status, 'a negative threshold is refused').toBe(400);
    expect((await put(admin, key, 100)).status, 'a money setting is only proposed').toBe(202);
    expect((await agent.get(`/api/refund-thresholds/${a}`)).body.threshold, 'not applied before the second admin').toBe(50_000);
    expect((await admin2.post(`/api/settings/${key}/actions/approve`)).status).toBe(200);
    expect((await agent.get(`/api/refund-thresholds/${a}`)).body).toEqual({ currency: a, threshold: 100 });
    expect((await agent.get(`/api/refund-thresholds/${b}`)).body.threshold).toBe(50_000);

    const inA = await approvedForRefund(a!);
    const inB = await approvedForRefund(b!);
    const ra = await refund(agent, inA.request.id, 150);
    const rb = await refund(agent, inB.request.id, 150);
    expect(ra.status).toBe(201);
    expect(ra.body).toMatchObject({ currency: a, status: 'pending_approval' });
    expect(rb.status).toBe(201);
    expect(rb.body).toMatchObject({ currency: b, status: 'recorded' });
  });

  it('when migration 0017 runs on a database holding one threshold, then every currency starts from that value and a row already there is kept', async () => {
    const { models, db } = server.ctx;
    const perCode = ['CNY', 'USD', 'EUR', 'HKD', 'GBP'].map((c) => `refundApprovalThreshold${c}`);
    const before = await models.Setting.findAll({ raw: true });
    await models.Setting.destroy({ where: { key: perCode.slice(1) } });
    await models.Setting.update({ value: '77700' }, { where: { key: perCode[0]! } });
    const single = before.find((r: any) => r.key === 'refundApprovalThreshold') as any;
    await models.Setting.update({ value: '12345' }, { where: { key: 'refundApprovalThreshold' } });
    await migration0017.up({ db });
    const after = Object.fromEntries((await models.Setting.findAll({ raw: true })).map((r: any) => [r.key, r.value]));
    expect(after[perCode[0]!], 'kept').toBe('77700');
    for (const k of perCode.slice(1)) expect(after[k], k).toBe('12345');
    // Put things back as they were for any test after this one.
    await models.Setting.destroy({ where: { key: perCode } });
    await models.Setting.bulkCreate(before.filter((r: any) => perCode.includes(r.key)));
    await models.Setting.update({ value: single.value }, { where: { key: 'refundApprovalThreshold' } });
  });
});
