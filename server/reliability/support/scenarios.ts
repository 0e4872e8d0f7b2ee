import { expect } from 'vitest';
import type { ApiResponse } from '../../test/support/api-client';
import { freeCustomer, today } from '../../test/support/factories';
import { all, expectOutcomes, newKey, tally, type Cluster, type StaffName } from './cluster';

/**
 * The races of issue 8, written once against a Cluster: one in-process server, or several
 * instances on one PostgreSQL database, the calls of each race spread over all of them.
 * Each answers how many calls it raced; the assertions are inside.
 */

const CONFLICT = ['409 version_conflict', '409 invalid_transition'];
/** refundApprovalThreshold's default (500.00); no race changes it. */
const THRESHOLD = 50_000;
const WORKERS: StaffName[] = ['agent', 'agent2', 'agent3', 'supervisor', 'supervisor2'];

async function openViaIntake(c: Cluster, accountNo: string, i = 0) {
  const res = await c.intakeOn(i).post('/api/intake/closure-requests', { accountNo, reasonCode: 'moving_abroad' }, { 'idempotency-key': newKey('open') });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; version: number; reference: string };
}

const read = async (c: Cluster, id: number) => (await c.as('supervisor').get(`/api/closure-requests/${id}`)).body;
const act = (c: Cluster, who: StaffName, i: number, id: number, action: string, body: Record<string, unknown>) =>
  c.as(who, i).post(`/api/closure-requests/${id}/actions/${action}`, body);

/** Five people claim (and a supervisor assigns) one new request at once; then four decisions race; then complete against reopen. */
export async function actionRace(c: Cluster, rounds: number): Promise<number> {
  let raced = 0;
  for (let round = 0; round < rounds; round++) {
    const customer = await freeCustomer(c.as('supervisor'), { outstandingAmount_lte: 0 });
    const request = await openViaIntake(c, customer.accountNo, round);

    // 1. everybody takes it at once
    const takers = c.urls.flatMap((_, i) => [
      ...WORKERS.map((w) => () => act(c, w, i, request.id, 'claim', { version: 1 })),
      () => act(c, 'supervisor', i, request.id, 'assign', { version: 1, assigneeId: c.idOf('agent2') }),
    ]);
    const taken = await all(takers);
    raced += taken.length;
    expectOutcomes('claim/assign race', taken, 1, CONFLICT);
    const claimed = await read(c, request.id);
    expect(claimed).toMatchObject({ status: 'in_review', version: 2 });

    // 2. four different decisions at once, by the assignee, the supervisors and agents it is not assigned to; notes in between
    const decision = customer.cashBalance > 0 ? 'forfeit' : 'none';
    const deciders = c.urls.flatMap((_, i) =>
      WORKERS.flatMap((w) => [
        () => act(c, w, i, request.id, 'approve', { version: 2, balanceDecision: decision, effectiveDate: today() }),
        () => act(c, w, i, request.id, 'reject', { version: 2, reasonCode: 'other', note: `rejected by ${w}` }),
        () => act(c, w, i, request.id, 'withdraw', { version: 2, note: `withdrawn by ${w}` }),
        () => act(c, w, i, request.id, 'request-info', { version: 2, message: `question from ${w}` }),
      ]),
    );
    const notes = c.urls.flatMap((_, i) => [0, 1].map((k) => () => c.as('supervisor', i).post(`/api/closure-requests/${request.id}/notes`, { text: `note ${k} on ${i}` })));
    const decided = await all([...deciders, ...notes]);
    raced += decided.length;
    expectOutcomes('decision race', decided.slice(0, deciders.length), 1, [...CONFLICT, '403 forbidden']);
    expect(decided.slice(deciders.length).every((r) => r.status === 201), JSON.stringify(tally(decided.slice(deciders.length)))).toBe(true);
    const after = await read(c, request.id);
    expect(after.version).toBe(3);

    // 3. if approved: complete by everybody against reopen by the supervisors, and the app asking again
    if (after.status === 'approved') {
      const finishers = c.urls.flatMap((_, i) => [
        ...WORKERS.map((w) => () => act(c, w, i, request.id, 'complete', { version: 3 })),
        () => act(c, 'supervisor', i, request.id, 'reopen', { version: 3, note: 'second look' }),
        () => act(c, 'supervisor2', i, request.id, 'reopen', { version: 3, note: 'second look' }),
        () => c.intakeOn(i).post('/api/intake/closure-requests', { accountNo: customer.accountNo, reasonCode: 'other' }, { 'idempotency-key': newKey('again') }),
      ]);
      const finished = await all(finishers);
      raced += finished.length;
      const actions = finished.filter((_, k) => k % 8 !== 7);
      const intakes = finished.filter((_, k) => k % 8 === 7);
      expectOutcomes('complete/reopen race', actions, 1, [...CONFLICT, '403 forbidden']);
      for (const r of intakes) expect(['409 duplicate_open_request', '409 account_closed']).toContain(`${r.status} ${r.body.code}`);
    }
  }
  return raced;
}

async function approvedForRefund(c: Cluster, filter: Record<string, unknown>) {
  const customer = await freeCustomer(c.as('supervisor'), { outstandingAmount_lte: 0, ...filter });
  const logged = await c.as('agent').post('/api/closure-requests', {
    customerId: customer.id, channel: 'phone', reasonCode: 'moving_abroad', verificationMethod: 'security_questions', identityVerified: true,
  });
  expect(logged.status, JSON.stringify(logged.body)).toBe(201);
  const claimed = await act(c, 'agent', 0, logged.body.id, 'claim', { version: 1 });
  expect(claimed.status).toBe(200);
  const approved = await act(c, 'agent', 0, logged.body.id, 'approve', { version: 2, balanceDecision: 'refund', effectiveDate: today() });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return { customer, request: approved.body as { id: number; version: number } };
}

const refundCall = (c: Cluster, who: StaffName, i: number, closureRequestId: number, amount: number, key = newKey('refund')) =>
  () => c.as(who, i).post('/api/refunds', { closureRequestId, amount, method: 'original_payment', payoutReference: `PO-${key}` }, { 'idempotency-key': key });

/** Refunds on one request from several people at once: never more than the cash; one key, one refund; then the last refund against complete. */
export async function refundRace(c: Cluster): Promise<number> {
  let raced = 0;
  // Cash within the approval threshold (500.00): every refund that fits is recorded at once.
  const { customer, request } = await approvedForRefund(c, { cashBalance_gte: 2_000, cashBalance_lte: THRESHOLD });
  const cash = customer.cashBalance as number;
  const amount = Math.floor(cash / 7);
  const people: StaffName[] = ['agent', 'supervisor', 'supervisor2'];
  const sharedKey = newKey('shared');
  const calls = [
    ...Array.from({ length: 36 }, (_, k) => refundCall(c, people[k % 3]!, k, request.id, amount)),
    ...c.urls.flatMap((_, i) => [0, 1, 2].map(() => refundCall(c, 'supervisor', i, request.id, amount, sharedKey))),
  ];
  const results = await all(calls);
  raced += results.length;
  const shared = results.slice(36);
  for (const r of shared) {
    expect(r.status).toBe(shared[0]!.status);
    expect(r.body).toEqual(shared[0]!.body);
  }
  const distinct = [...results.slice(0, 36), shared[0]!];
  expectOutcomes('refund race', distinct, Math.floor(cash / amount), ['409 exceeds_refundable']);

  // the rest of the cash, twice at once, against complete by everybody
  const after = (await c.as('supervisor').get(`/api/customers/${customer.id}`)).body;
  const rest = after.cashBalance as number;
  expect(rest).toBe(cash - Math.floor(cash / amount) * amount);
  const current = await read(c, request.id);
  const finals = [
    ...(rest > 0 ? [refundCall(c, 'agent', 0, request.id, rest), refundCall(c, 'supervisor', 1, request.id, rest)] : []),
    ...c.urls.flatMap((_, i) => ['agent', 'supervisor', 'supervisor2'].map((w) => () => act(c, w as StaffName, i, request.id, 'complete', { version: current.version }))),
  ];
  const ended = await all(finals);
  raced += ended.length;
  if (rest > 0) expectOutcomes('last refund race', ended.slice(0, 2), 1, ['409 exceeds_refundable', '409 invalid_transition']);
  const completes = ended.slice(rest > 0 ? 2 : 0);
  expect(completes.filter((r) => r.status === 200).length, JSON.stringify(tally(completes))).toBeLessThanOrEqual(1);
  for (const r of completes.filter((x) => x.status !== 200)) {
    expect([...CONFLICT, '409 precondition_failed']).toContain(`${r.status} ${r.body.code}`);
  }
  return raced + (await pendingApprovalRace(c));
}

/**
 * A refund above the threshold split into many small ones at once, by one agent, spread over every
 * instance: the request's recorded + pending + this one is judged with the request locked, so at
 * most the threshold is recorded without a supervisor; the rest waits for one.
 */
export async function splitRefundRace(c: Cluster): Promise<number> {
  const amount = 10_000; // 100.00
  const { customer, request } = await approvedForRefund(c, { cashBalance_gte: 6 * amount });
  const n = Math.min(30, Math.floor((customer.cashBalance as number) / amount));
  const results = await all(Array.from({ length: n }, (_, k) => refundCall(c, 'agent', k, request.id, amount)));
  expectOutcomes('split refund race', results, n, []);
  const refunds = (await c.as('supervisor').list('refunds', { filter: { closureRequestId: request.id }, range: [0, 99] })).body as { status: string; amount: number }[];
  const recorded = refunds.filter((r) => r.status === 'recorded').reduce((sum, r) => sum + r.amount, 0);
  expect(recorded, JSON.stringify(tally(results))).toBe(Math.floor(THRESHOLD / amount) * amount);
  expect(refunds.filter((r) => r.status === 'pending_approval')).toHaveLength(n - Math.floor(THRESHOLD / amount));
  expect((await c.as('supervisor').get(`/api/customers/${customer.id}`)).body.cashBalance).toBe((customer.cashBalance as number) - recorded);
  return results.length;
}

/** A refund waiting for approval: two supervisors approve and reject it at once, its maker tries too, and an agent refunds the rest. */
async function pendingApprovalRace(c: Cluster): Promise<number> {
  const big = 50_001;
  // More cash than twice the big refund, so "the rest" is more than it: if the big one is rejected and
  // the first refund of the rest recorded, what is left (big) cannot pay the rest a second time. With
  // less cash both refunds of the rest would rightly succeed, and the race below would have no single winner.
  const { customer, request } = await approvedForRefund(c, { cashBalance_gte: 2 * big + 1 });
  const made = await refundCall(c, 'supervisor', 0, request.id, big)();
  expect(made.body.status, JSON.stringify(made.body)).toBe('pending_approval');
  const rest = (customer.cashBalance as number) - big;
  const decide = (who: StaffName, i: number, d: 'approve' | 'reject') => () => c.as(who, i).post(`/api/refunds/${made.body.id}/actions/${d}`, { note: `${d} by ${who}` });
  const calls = [
    ...c.urls.flatMap((_, i) => [decide('supervisor2', i, 'approve'), decide('supervisor2', i, 'reject'), decide('supervisor2', i, 'approve')]),
    ...c.urls.map((_, i) => decide('supervisor', i, 'approve')),
    refundCall(c, 'agent', 0, request.id, rest),
    refundCall(c, 'agent', 1, request.id, rest),
  ];
  const results = await all(calls);
  const decisions = results.slice(0, c.urls.length * 3);
  const makers = results.slice(c.urls.length * 3, c.urls.length * 4);
  const refunds = results.slice(c.urls.length * 4);
  expectOutcomes('approve/reject race', decisions, 1, ['409 invalid_transition', '409 version_conflict', '409 exceeds_refundable']);
  for (const r of makers) expect(['403 same_person']).toContain(`${r.status} ${r.body.code}`);
  expect(refunds.filter((r) => r.status === 201).length, JSON.stringify(tally(refunds))).toBeLessThanOrEqual(1);
  for (const r of refunds.filter((x) => x.status !== 201)) expect(`${r.status} ${r.body.code}`).toBe('409 exceeds_refundable');
  return results.length + 1;
}

/** One account opened from the app and by staff at once, with different keys and with one key; then withdrawn while being claimed. */
export async function intakeRace(c: Cluster): Promise<number> {
  let raced = 0;
  const customer = await freeCustomer(c.as('supervisor'), { outstandingAmount_lte: 0 });
  const byApp = (i: number, key = newKey('intake')) => () =>
    c.intakeOn(i).post('/api/intake/closure-requests', { accountNo: customer.accountNo, reasonCode: 'too_expensive' }, { 'idempotency-key': key });
  const byStaff = (w: StaffName, i: number) => () => c.as(w, i).post('/api/closure-requests', {
    customerId: customer.id, channel: 'phone', reasonCode: 'other', verificationMethod: 'security_questions', identityVerified: true,
  });
  const opened = await all([
    ...Array.from({ length: 12 }, (_, k) => byApp(k)),
    ...c.urls.flatMap((_, i) => [byStaff('agent', i), byStaff('supervisor', i)]),
  ]);
  raced += opened.length;
  expectOutcomes('open race', opened, 1, ['409 duplicate_open_request']);
  const open = opened.find((r) => r.status === 201)!.body;

  // one key sent by the app many times at once, to every instance: the work is done once
  const other = await freeCustomer(c.as('supervisor'), { outstandingAmount_lte: 0 });
  const key = newKey('same');
  const same = await all(Array.from({ length: 10 }, (_, k) => () =>
    c.intakeOn(k).post('/api/intake/closure-requests', { accountNo: other.accountNo, reasonCode: 'other' }, { 'idempotency-key': key })));
  raced += same.length;
  for (const r of same) {
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toEqual(same[0]!.body);
  }
  const conflict = await c.intakeOn(1).post('/api/intake/closure-requests', { accountNo: other.accountNo, reasonCode: 'service_quality' }, { 'idempotency-key': key });
  expect(conflict.body.code).toBe('idempotency_conflict');

  // the customer withdraws in the app while staff claim it
  const withdrawn = await all([
    ...Array.from({ length: 4 }, (_, k) => () => c.intakeOn(k).post(`/api/intake/closure-requests/${open.reference}/withdraw`, { note: 'changed my mind' }, { 'idempotency-key': newKey('wd') })),
    ...c.urls.flatMap((_, i) => [() => act(c, 'agent', i, open.id, 'claim', { version: 1 }), () => act(c, 'agent2', i, open.id, 'claim', { version: 1 })]),
  ]);
  raced += withdrawn.length;
  expectOutcomes('withdraw race', withdrawn.slice(0, 4), 1, ['409 invalid_transition', '409 version_conflict']);
  expect(withdrawn.slice(4).filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
  expect((await read(c, open.id)).status).toBe('withdrawn');
  return raced;
}

/** Payments for one bill from the billing system at once, and a supervisor waiving it meanwhile: never more paid than due. */
export async function billRace(c: Cluster): Promise<number> {
  const owing = await freeCustomer(c.as('supervisor'), { outstandingAmount_gte: 8 });
  const bill = (await c.as('supervisor').list('bills', { filter: { customerId: owing.id, status: ['open', 'overdue'] } })).body[0];
  const owed = bill.amountDue - bill.amountPaid;
  const part = Math.ceil(owed / 4);
  const pay = (i: number) => () => c.intakeOn(i).post('/api/intake/bill-payments', {
    billNo: bill.billNo, amount: part, paidAt: new Date().toISOString(), reference: newKey('PAY'),
  }, { 'idempotency-key': newKey('pay') });
  const calls = [...Array.from({ length: 10 }, (_, k) => pay(k)), () => c.as('supervisor', 1).post(`/api/bills/${bill.id}/actions/waive`, { reason: 'goodwill' })];
  const results: ApiResponse[] = await all(calls);
  const payments = results.slice(0, 10);
  const accepted = payments.filter((r) => r.status === 200).length;
  expect(accepted, JSON.stringify(tally(payments))).toBeLessThanOrEqual(Math.floor(owed / part));
  for (const r of payments.filter((x) => x.status !== 200)) {
    expect(['409 precondition_failed', '409 invalid_transition']).toContain(`${r.status} ${r.body.code}`);
  }
  const after = (await c.as('supervisor').get(`/api/bills/${bill.id}`)).body;
  expect(after.amountPaid).toBe(bill.amountPaid + accepted * part);
  expect(['paid', 'waived', bill.status]).toContain(after.status);
  expect(results[10]!.status === 200 || `${results[10]!.status} ${results[10]!.body.code}` === '409 invalid_transition').toBe(true);
  return results.length;
}
