import type { Role } from '@closure-desk/shared';
import { expect } from 'vitest';
import { hashPassword } from '../../src/platform/auth/passwords';
import { ApiClient } from './api-client';
import type { TestServer } from './test-server';

export const OPEN = ['submitted', 'in_review', 'awaiting_customer', 'approved'];
export const today = () => new Date().toISOString().slice(0, 10);
export const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const taken = new Set<number>();

/**
 * An active customer with no open request (and not handed out to another test in this file)
 * matching the filter, e.g. {cashBalance_gte: 1, outstandingAmount_lte: 0}.
 */
export async function freeCustomer(client: ApiClient, filter: Record<string, unknown> = {}): Promise<any> {
  const candidates = (await client.list('customers', { filter: { status: 'active', ...filter }, range: [0, 499], sort: ['id', 'ASC'] })).body;
  for (const c of candidates) {
    if (taken.has(c.id)) continue;
    const open = await client.list('closure-requests', { filter: { customerId: c.id, status: OPEN } });
    if (open.body.length === 0) {
      taken.add(c.id);
      return c;
    }
  }
  throw new Error(`no free customer for ${JSON.stringify(filter)}`);
}

/** Logs a phone request for the customer, as an agent on the call would. */
export async function logPhoneRequest(client: ApiClient, customerId: number, identityVerified = true): Promise<any> {
  const res = await client.post('/api/closure-requests', {
    customerId, channel: 'phone', reasonCode: 'moving_abroad', reasonText: 'Moving to Canada', verificationMethod: 'security_questions', identityVerified,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function act(client: ApiClient, request: { id: number; version: number }, action: string, body: Record<string, unknown> = {}) {
  return client.post(`/api/closure-requests/${request.id}/actions/${action}`, { version: request.version, ...body });
}

/** Acts and expects success; answers the updated request. */
export async function must(client: ApiClient, request: { id: number; version: number }, action: string, body: Record<string, unknown> = {}) {
  const res = await act(client, request, action, body);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

export async function refund(client: ApiClient, closureRequestId: number, amount: unknown, key = `k-${Math.random()}`) {
  return client.post('/api/refunds', { closureRequestId, amount, method: 'original_payment', payoutReference: `PO-${key}` }, { 'idempotency-key': key });
}

/** The token of the newest enrolment link in the outbox for a staff member (read as the e-mail carries it). */
export async function enrolmentTokenFor(server: TestServer, staffUserId: number): Promise<string> {
  const row = await server.ctx.models.Notification.findOne({ where: { staffUserId }, order: [['id', 'DESC']], raw: true });
  const token = /#\/enrol\/([A-Za-z0-9_-]+)/.exec(String(row?.body ?? ''))?.[1];
  if (!token) throw new Error(`no enrolment link in the outbox for staff user ${staffUserId}`);
  return token;
}

/**
 * A new staff member as the console makes one: an admin invites them, they enrol through the link
 * in their e-mail with this password; answers their signed-in client.
 */
export async function inviteStaff(
  server: TestServer,
  admin: ApiClient,
  fields: { email: string; fullName?: string; role: string; locale?: string },
  password = 'a-long-password-1',
): Promise<{ id: number; client: ApiClient }> {
  const created = await admin.post('/api/staff-users', { fullName: `Test ${fields.role}`, ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const client = new ApiClient(server.url);
  const enrolled = await client.post('/api/auth/enrol', { token: await enrolmentTokenFor(server, created.body.id), password });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
  return { id: created.body.id, client };
}

/** A staff member written straight into the database with a password, for tests that only need someone to exist. */
export async function buildStaff(server: { ctx: TestServer['ctx'] }, fields: { email: string; role: Role; fullName?: string }, password = 'a-long-password-1'): Promise<number> {
  const row = await server.ctx.models.StaffUser.create({
    fullName: `Test ${fields.role}`, ...fields, locale: 'en', passwordHash: await hashPassword(password), active: true,
  });
  return Number(row.get('id'));
}

/** Completion is two-phase: the request is `closing` until both peers confirm. Polls it until it is `status` (default completed). */
export async function waitForStatus(client: ApiClient, id: number, status = 'completed', timeoutMs = 10_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const request = (await client.get(`/api/closure-requests/${id}`)).body;
    if (request.status === status || Date.now() > until) return request;
    await new Promise((r) => setTimeout(r, 50));
  }
}
