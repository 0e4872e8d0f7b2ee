import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { act, daysFromToday, freeCustomer, logPhoneRequest, must, refund, today, waitForStatus } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let agent: ApiClient;
let agent2: ApiClient;
let supervisor: ApiClient;
let supervisor2: ApiClient;
let auditor: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ customers: 80 });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [agent, agent2, supervisor, supervisor2, auditor, admin] = [
    await as('agent'), await as('agent2'), await as('supervisor'), await as('supervisor2'), await as('auditor'), await as('admin'),
  ];
});
afterAll(() => server?.stop());

const eventsFor = async (id: number) =>
  (await supervisor.list('audit-events', { filter: { entityType: 'closure_request', entityId: String(id) }, sort: ['id', 'ASC'], range: [0, 99] })).body;

describe('a request walked from intake to a closed account', () => {
  it('when an agent logs, claims, approves with a refund, refunds the cash and completes, then the account is closed and the customer told each step', async () => {
    const customer = await freeCustomer(agent, { cashBalance_gte: 1, cashBalance_lte: 50_000, outstandingAmount_lte: 0 });
    let request = await logPhoneRequest(agent, customer.id);
    expect(request).toMatchObject({ status: 'submitted', channel: 'phone', identityVerified: true, version: 1, assigneeId: null });
    expect(request.reference).toMatch(/^CR-\d{4}-\d{6,}$/);
    expect(new Date(request.dueAt).getTime() - new Date(request.submittedAt).getTime()).toBe(7 * 86_400_000);

    request = await must(agent, request, 'claim');
    expect(request).toMatchObject({ status: 'in_review', assigneeId: agent.user!.id, version: 2 });
    request = await must(agent, request, 'approve', { balanceDecision: 'refund', effectiveDate: today(), note: 'Customer asked for a refund' });
    expect(request).toMatchObject({ status: 'approved', balanceDecision: 'refund', effectiveDate: today() });

    const blocked = await act(agent, request, 'complete');
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'precondition_failed', details: ['refunds_settled'] });

    const paid = await refund(agent, request.id, customer.cashBalance);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'recorded', amount: customer.cashBalance, createdById: agent.user!.id });

    request = await must(agent, request, 'complete');
    expect(request.status).toBe('closing');
    request = await waitForStatus(agent, request.id);
    expect(request.status).toBe('completed');
    expect(request.completedAt).toBeTruthy();

    const closed = (await agent.get(`/api/customers/${customer.id}`)).body;
    expect(closed).toMatchObject({ status: 'closed', cashBalance: 0, promoBalance: 0 });
    const profiles = (await agent.list('esim-profiles', { filter: { customerId: customer.id } })).body;
    expect(profiles.length).toBeGreaterThan(0);
    for (const p of profiles) {
      expect(p.networkState).toBe('terminated');
      expect(p.quarantineUntil).toBe(daysFromToday(90));
    }
    const ledger = (await agent.list('balance-entries', { filter: { customerId: customer.id }, range: [0, 99] })).body;
    const sum = (bucket: string) => ledger.filter((e: any) => e.bucket === bucket).reduce((s: number, e: any) => s + e.amount, 0);
    expect(sum('cash')).toBe(0);
    expect(sum('promo')).toBe(0);

    const notes = (await agent.list('notifications', { filter: { closureRequestId: request.id }, range: [0, 99] })).body;
    const templates = new Set(notes.map((n: any) => n.template));
    for (const t of ['closure_received', 'closure_approved', 'refund_recorded', 'closure_completed']) expect(templates).toContain(t);
    expect(notes.every((n: any) => n.locale === customer.locale)).toBe(true);

    const actions = (await eventsFor(request.id)).map((e: any) => e.action);
    expect(actions).toEqual(['closure.submitted', 'closure.claim', 'closure.approve', 'closure.complete', 'closure.termination-confirmed']);
    const again = await logPhoneRequest(agent, customer.id).catch((e) => e);
    expect(String(again)).toMatch(/409|account_closed/);
  });

  it('when the customer must be asked for something, then request-info, resume and reject walk the other branch', async () => {
    const customer = await freeCustomer(agent);
    let request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    request = await must(agent, request, 'request-info', { message: 'Please send a photo of your ID' });
    expect(request.status).toBe('awaiting_customer');
    request = await must(agent, request, 'resume', { note: 'Customer called back' });
    expect(request.status).toBe('in_review');
    request = await must(agent, request, 'request-info', { message: 'One more document please' });
    request = await must(agent, request, 'reject', { reasonCode: 'customer_unreachable', note: 'No answer in 30 days' });
    expect(request).toMatchObject({ status: 'rejected', rejectReasonCode: 'customer_unreachable' });
    expect(request.resolvedAt).toBeTruthy();
    const templates = (await agent.list('notifications', { filter: { closureRequestId: request.id }, range: [0, 99] })).body.map((n: any) => n.template);
    expect(templates).toContain('info_requested');
    expect(templates).toContain('closure_rejected');
    const fromRejected = await act(agent, request, 'resume');
    expect(fromRejected.body.code).toBe('invalid_transition');
  });

  it('when requests are withdrawn from each open state, then they end withdrawn and the account can ask again', async () => {
    const customer = await freeCustomer(agent);
    const first = await must(supervisor, await logPhoneRequest(agent, customer.id), 'withdraw', { note: 'Customer changed their mind' });
    expect(first.status).toBe('withdrawn');
    const second = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    expect((await must(agent, second, 'withdraw', { note: 'Changed mind' })).status).toBe('withdrawn');
    let third = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    third = await must(agent, third, 'request-info', { message: 'Need ID' });
    expect((await must(agent, third, 'withdraw', { note: 'No longer wants to close' })).status).toBe('withdrawn');
  });

  it('when a supervisor assigns, reopens an approved request and it is approved again with forfeit, then completion forfeits the cash', async () => {
    const customer = await freeCustomer(agent, { cashBalance_gte: 1, outstandingAmount_lte: 0 });
    let request = await logPhoneRequest(agent, customer.id);
    request = await must(supervisor, request, 'assign', { assigneeId: agent2.user!.id });
    expect(request).toMatchObject({ status: 'in_review', assigneeId: agent2.user!.id });
    request = await must(agent2, request, 'approve', { balanceDecision: 'refund', effectiveDate: today() });
    request = await must(supervisor, request, 'reopen', { note: 'Customer prefers to forfeit' });
    expect(request.status).toBe('in_review');
    request = await must(agent2, request, 'approve', { balanceDecision: 'forfeit', effectiveDate: today() });
    await must(agent2, request, 'complete');
    const entries = (await agent.list('balance-entries', { filter: { customerId: customer.id, kind: 'forfeit', bucket: 'cash' } })).body;
    expect(entries).toHaveLength(1);
    expect(entries[0].amount).toBe(-customer.cashBalance);
  });

  it('when a request is logged without verified identity, then verify-identity with the channel\'s evidence unblocks approval', async () => {
    const customer = await freeCustomer(agent, { cashBalance_lte: 0, outstandingAmount_lte: 0 });
    let request = await must(agent, await logPhoneRequest(agent, customer.id, false), 'claim');
    const refused = await act(agent, request, 'approve', { balanceDecision: 'none', effectiveDate: today() });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'precondition_failed', details: ['identity_verified'] });
    const checks = (await agent.get(`/api/closure-requests/${request.id}/checks`)).body;
    expect(checks.map((c: any) => c.id)).toEqual(['identity_verified', 'no_outstanding_bills', 'balance_decided', 'effective_date_set', 'refunds_settled', 'profiles_released']);
    expect(checks[0]).toMatchObject({ ok: false, blocking: true });
    const wrongEvidence = await act(agent, request, 'verify-identity', { method: 'id_document', note: 'Saw a passport' });
    expect(wrongEvidence.status).toBe(400);
    request = await must(agent, request, 'verify-identity', { method: 'security_questions', note: 'Three questions answered' });
    expect(request).toMatchObject({ identityVerified: true, verificationMethod: 'security_questions' });
    request = await must(agent, request, 'approve', { balanceDecision: 'none', effectiveDate: daysFromToday(3) });
    const early = await act(agent, request, 'complete');
    expect(early.body).toMatchObject({ code: 'precondition_failed', details: ['effective_date_reached'] });
  });
});

describe('refusals', () => {
  it('when the state is wrong, the version stale, the request someone else\'s or the role not allowed, then 409 or 403 and nothing changes', async () => {
    const customer = await freeCustomer(agent);
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    const cases: [ApiClient, string, Record<string, unknown>, number, string, number?][] = [
      [agent, 'claim', {}, 409, 'invalid_transition'],
      [agent, 'complete', {}, 409, 'invalid_transition'],
      [agent, 'resume', {}, 409, 'invalid_transition'],
      [agent, 'reopen', { note: 'x' }, 403, 'forbidden'],
      [agent, 'assign', { assigneeId: 1 }, 403, 'forbidden'],
      [agent2, 'request-info', { message: 'hi' }, 403, 'forbidden'],
      [agent, 'request-info', { message: 'hi' }, 409, 'version_conflict', 1],
    ];
    for (const [client, action, body, status, code, version] of cases) {
      const res = await act(client, { id: request.id, version: version ?? request.version }, action, body);
      expect(res.status, `${action} by ${client.user!.email}`).toBe(status);
      expect(res.body.code, action).toBe(code);
    }
    for (const client of [auditor, admin]) {
      const res = await act(client, request, 'withdraw', { note: 'x' });
      expect(res.status).toBe(403);
    }
    const bad = await act(agent, request, 'approve', { balanceDecision: 'maybe', effectiveDate: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect((await act(agent, request, 'fly')).status).toBe(404);
    expect((await agent.post(`/api/closure-requests/999999/actions/claim`, { version: 1 })).status).toBe(404);
    const after = (await agent.get(`/api/closure-requests/${request.id}`)).body;
    expect(after).toEqual(request);
  });

  it('when approval conditions are unmet, then each failing check id is in details', async () => {
    const owing = await freeCustomer(agent, { outstandingAmount_gte: 1, cashBalance_gte: 1 });
    const request = await must(agent, await logPhoneRequest(agent, owing.id), 'claim');
    const res = await act(agent, request, 'approve', { balanceDecision: 'none', effectiveDate: '2020-01-01' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('precondition_failed');
    expect(res.body.details).toEqual(['no_outstanding_bills', 'balance_decided', 'effective_date_set']);
    const bills = (await agent.list('bills', { filter: { customerId: owing.id, status: ['open', 'overdue'] } })).body;
    for (const bill of bills) {
      expect((await agent.post(`/api/bills/${bill.id}/actions/waive`, { reason: 'x' })).status).toBe(403);
      const waived = await supervisor.post(`/api/bills/${bill.id}/actions/waive`, { reason: 'Goodwill: roaming dispute' });
      expect(waived.body).toMatchObject({ status: 'waived', outstanding: 0 });
    }
    expect((await agent.get(`/api/customers/${owing.id}`)).body.outstandingAmount).toBe(0);
    const ok = await act(agent, request, 'approve', { balanceDecision: 'forfeit', effectiveDate: today() });
    expect(ok.status).toBe(200);
  });

  it('when a staff member logs a second open request or one for a closed account, then 409', async () => {
    const customer = await freeCustomer(agent);
    await logPhoneRequest(agent, customer.id);
    const dup = await agent.post('/api/closure-requests', {
      customerId: customer.id, channel: 'email', reasonCode: 'other', verificationMethod: 'id_document', identityVerified: true,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate_open_request');
    const closedCustomer = (await agent.list('customers', { filter: { status: 'closed' } })).body[0];
    const closed = await agent.post('/api/closure-requests', {
      customerId: closedCustomer.id, channel: 'phone', reasonCode: 'other', verificationMethod: 'security_questions', identityVerified: true,
    });
    expect(closed.body.code).toBe('account_closed');
    const wrongEvidence = await agent.post('/api/closure-requests', {
      customerId: customer.id, channel: 'phone', reasonCode: 'other', verificationMethod: 'id_document', identityVerified: true,
    });
    expect(wrongEvidence.status).toBe(400);
    expect((await auditor.post('/api/closure-requests', {})).status).toBe(403);
  });

  it('when two people act on the same request at once, then exactly one wins and the other gets 409', async () => {
    const customer = await freeCustomer(agent);
    const request = await logPhoneRequest(agent, customer.id);
    const results = await Promise.all([
      act(agent, request, 'claim'), act(agent2, request, 'claim'), act(supervisor, request, 'claim'), act(supervisor2, request, 'withdraw', { note: 'dup' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const events = (await eventsFor(request.id)).map((e: any) => e.action);
    expect(events).toHaveLength(2);
    const verify = (await auditor.get('/api/audit-events?sort=["id","ASC"]&range=[0,0]')).status;
    expect(verify).toBe(200);
  });
});

describe('notes and attachments', () => {
  it('when colleagues add notes, then they list newest first and are audited', async () => {
    const customer = await freeCustomer(agent);
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    expect((await agent.post(`/api/closure-requests/${request.id}/notes`, { text: 'First' })).status).toBe(201);
    expect((await supervisor.post(`/api/closure-requests/${request.id}/notes`, { text: '第二条备注' })).status).toBe(201);
    expect((await agent.post(`/api/closure-requests/${request.id}/notes`, { text: '' })).status).toBe(400);
    expect((await auditor.post(`/api/closure-requests/${request.id}/notes`, { text: 'x' })).status).toBe(403);
    const notes = (await auditor.get(`/api/closure-requests/${request.id}/notes`)).body;
    expect(notes.map((n: any) => n.text)).toEqual(['第二条备注', 'First']);
    expect((await eventsFor(request.id)).filter((e: any) => e.action === 'closure.note')).toHaveLength(2);
  });

  it('when an ID proof is uploaded, then its type is judged from the bytes, it is kept with its SHA-256 and every view is audited', async () => {
    const customer = await freeCustomer(agent);
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7f3b5e30000000049454e44ae426082', 'hex');
    const upload = async (bytes: Buffer, name: string, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return fetch(`${server.url}/api/closure-requests/${request.id}/attachments`, {
        method: 'POST', body: form, headers: { cookie: agent.cookie!, 'x-csrf-token': agent.csrfToken! },
      });
    };
    const ok = await upload(png, 'id.png', 'image/png');
    expect(ok.status).toBe(201);
    const meta = (await ok.json()) as any;
    expect(meta).toMatchObject({ contentType: 'image/png', size: png.length, fileName: 'id.png' });
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    const fake = await upload(Buffer.from('MZ this is an exe'), 'id.pdf', 'application/pdf');
    expect(fake.status).toBe(415);
    const big = await upload(Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]), 'big.png', 'image/png');
    expect(big.status).toBe(413);
    const view = await fetch(`${server.url}/api/attachments/${meta.id}`, { headers: { cookie: auditor.cookie! } });
    expect(view.status).toBe(200);
    expect(Buffer.from(await view.arrayBuffer()).equals(png)).toBe(true);
    const views = (await auditor.list('audit-events', { filter: { action: 'attachment.view', entityId: String(meta.id) } })).body;
    expect(views).toHaveLength(1);
    expect((await admin.get(`/api/attachments/${meta.id}`)).status).toBe(403);
  });

  it('when someone not on the request adds a note or a file, then 403 and nothing is kept; on a final request only a supervisor may, marked afterDecision', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7f3b5e30000000049454e44ae426082', 'hex');
    const upload = (who: ApiClient, id: number) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'letter.png');
      return fetch(`${server.url}/api/closure-requests/${id}/attachments`, { method: 'POST', body: form, headers: { cookie: who.cookie!, 'x-csrf-token': who.csrfToken! } });
    };
    const note = (who: ApiClient, id: number, text: string) => who.post(`/api/closure-requests/${id}/notes`, { text });
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0 });
    const queued = await logPhoneRequest(agent, customer.id);
    // unassigned: no agent yet, a supervisor may
    expect((await note(agent, queued.id, 'before claiming')).status).toBe(403);
    expect((await note(supervisor, queued.id, 'triage')).body).toMatchObject({ afterDecision: false });
    let request = await must(agent, queued, 'claim');
    // assigned to agent: agent2 is refused, for notes and files alike
    const foreignNote = await note(agent2, request.id, 'not mine');
    expect(foreignNote.status).toBe(403);
    expect(foreignNote.body.code).toBe('forbidden');
    const foreignFile = await upload(agent2, request.id);
    expect(foreignFile.status).toBe(403);
    expect(((await foreignFile.json()) as any).code).toBe('forbidden');
    const mine = await note(agent, request.id, 'mine');
    expect(mine.status).toBe(201);
    expect(mine.body.afterDecision).toBe(false);
    expect((await upload(agent, request.id)).status).toBe(201);

    request = await must(agent, request, 'reject', { reasonCode: 'customer_unreachable', note: 'No answer' });
    expect(request.status).toBe('rejected');
    // final: the assignee is refused too; a supervisor adds, marked as after the decision
    expect((await note(agent, request.id, 'after the fact')).status).toBe(403);
    expect((await upload(agent, request.id)).status).toBe(403);
    expect((await note(agent2, request.id, 'after the fact')).status).toBe(403);
    const late = await note(supervisor, request.id, 'Customer called back after the rejection');
    expect(late.status).toBe(201);
    expect(late.body.afterDecision).toBe(true);
    const lateFile = await upload(supervisor, request.id);
    expect(lateFile.status).toBe(201);
    expect(((await lateFile.json()) as any).afterDecision).toBe(true);

    const notes = (await auditor.get(`/api/closure-requests/${request.id}/notes`)).body;
    expect(notes.map((n: any) => [n.text, n.afterDecision])).toEqual([
      // the note typed in the reject dialog is a note of the request too (API.md "Notes")
      ['Customer called back after the rejection', true], ['No answer', false], ['mine', false], ['triage', false],
    ]);
    const files = (await auditor.get(`/api/closure-requests/${request.id}/attachments`)).body;
    expect(files.map((f: any) => f.afterDecision)).toEqual([true, false]);
    const events = (await eventsFor(request.id)).filter((e: any) => e.action === 'closure.note' || e.action === 'attachment.upload');
    expect(events).toHaveLength(5);
    expect(events.filter((e: any) => e.after?.afterDecision === true)).toHaveLength(2);
  });
});
