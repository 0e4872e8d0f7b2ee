import { expect } from 'vitest';
import { ApiClient } from './api-client';

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
