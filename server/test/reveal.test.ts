import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let supervisor: ApiClient;
let auditor: ApiClient;
let agent: ApiClient;
let admin: ApiClient;
let customer: Record<string, any>;

beforeAll(async () => {
  server = await startTestServer({ customers: 12 });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [supervisor, auditor, agent, admin] = [await as('supervisor'), await as('auditor'), await as('agent'), await as('admin')];
  customer = (await server.ctx.models.Customer.findOne({
    where: { status: 'active' }, order: [['id', 'ASC']], raw: true,
  }))!;
});
afterAll(() => server?.stop());

const reveal = (client: ApiClient, id: number | string, body: unknown) => client.post(`/api/customers/${id}/reveal`, body);
const reveals = async () =>
  (await auditor.list('audit-events', { filter: { action: 'customer.reveal' }, sort: ['id', 'DESC'], range: [0, 99] })).body as any[];

describe('POST /api/customers/:id/reveal', () => {
  it('when a supervisor gives a reason, then the value comes in clear and the reveal is audited with the reason, never the value', async () => {
    const res = await reveal(supervisor, customer.id, { field: 'email', reason: 'Customer on the phone asks which address we hold' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ value: customer.email });
    const [event] = await reveals();
    expect(event).toMatchObject({
      action: 'customer.reveal', entityType: 'customer', entityId: String(customer.id), actorId: supervisor.user!.id,
      actorRole: 'supervisor', reason: 'Customer on the phone asks which address we hold', after: { field: 'email' }, before: null,
    });
    expect(JSON.stringify(event)).not.toContain(customer.email);
    const masked = (await supervisor.get(`/api/customers/${customer.id}`)).body;
    expect(masked.email).not.toBe(customer.email); // the list and show answers stay masked
  });

  it('when an auditor reveals the phone and the document number, then each comes back and each is its own event', async () => {
    const before = (await reveals()).length;
    const phone = await reveal(auditor, customer.id, { field: 'phone', reason: 'Complaint review C-1' });
    const doc = await reveal(auditor, customer.id, { field: 'idDocumentNumber', reason: 'x'.repeat(500) });
    expect(phone.body).toEqual({ value: customer.phone });
    expect(doc.body).toEqual({ value: customer.idDocumentNumber });
    const events = await reveals();
    expect(events.length).toBe(before + 2);
    expect(events.slice(0, 2).map((e) => e.after.field)).toEqual(['idDocumentNumber', 'phone']);
  });

  it('when an agent or an admin asks, then it is a 403 and nothing is revealed or recorded', async () => {
    const before = (await reveals()).length;
    for (const client of [agent, admin]) {
      const res = await reveal(client, customer.id, { field: 'email', reason: 'curious' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await reveal(new ApiClient(server.url), customer.id, { field: 'email', reason: 'x' })).status).toBe(401);
    expect((await reveals()).length).toBe(before);
  });

  it('when the body is wrong, then it is a 400; an unknown customer is a 404; neither is recorded', async () => {
    const before = (await reveals()).length;
    const bad = [
      {}, { field: 'email' }, { reason: 'why' }, { field: 'fullName', reason: 'why' }, { field: 'email', reason: '   ' },
      { field: 'email', reason: 'x'.repeat(501) }, { field: 'email', reason: 'why', extra: true }, { field: 'email', reason: 42 },
    ];
    for (const body of bad) {
      const res = await reveal(supervisor, customer.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    for (const id of [999_999, 'abc']) {
      const res = await reveal(supervisor, id, { field: 'email', reason: 'why' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await reveals()).length).toBe(before);
  });

  it('when the customer was anonymised, then there is nothing to reveal: null, still audited', async () => {
    const other = (await server.ctx.models.Customer.findOne({ where: { status: 'active' }, order: [['id', 'DESC']], raw: true }))!;
    await server.ctx.models.Customer.update(
      { fullName: 'Anonymised customer', email: null, phone: null, idDocumentNumber: null, anonymisedAt: new Date() },
      { where: { id: other.id } },
    );
    for (const field of ['email', 'phone', 'idDocumentNumber']) {
      const res = await reveal(auditor, other.id as number, { field, reason: 'Audit sample' });
      expect(res.body).toEqual({ value: null });
    }
    const [event] = await reveals();
    expect(event).toMatchObject({ entityId: String(other.id), after: { field: 'idDocumentNumber' } });
  });
});
