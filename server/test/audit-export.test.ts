import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../src/audit/append-audit-event';
import { AUDIT_EXPORT_COLUMNS } from '../src/audit/export-row';
import { GENESIS_HASH, hashEvent } from '../src/audit/hash';
import { CLOSURE_EXPORT_COLUMNS } from '../src/closures/export';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';
import { parseCsv } from './support/csv';

let server: TestServer;
let auditor: ApiClient;
let supervisor: ApiClient;
let admin: ApiClient;
let agent: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ customers: 30 });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [auditor, supervisor, admin, agent] = [await as('auditor'), await as('supervisor'), await as('admin'), await as('agent')];
});
afterAll(() => server?.stop());

/** A download as the browser gets it: status, headers and the body as text. */
async function download(client: ApiClient, path: string, filter?: unknown) {
  const qs = filter === undefined ? '' : `${path.includes('?') ? '&' : '?'}filter=${encodeURIComponent(JSON.stringify(filter))}`;
  const res = await fetch(server.url + path + qs, { headers: client.cookie ? { cookie: client.cookie } : {} });
  // ignoreBOM keeps the byte-order mark in the text, so the test sees the bytes as sent
  return { status: res.status, headers: res.headers, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) };
}

const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));

const lastEvents = async (action: string) =>
  (await auditor.list('audit-events', { filter: { action }, sort: ['id', 'DESC'], range: [0, 9] })).body as any[];

describe('audit trail export', () => {
  it('when an auditor exports JSONL, then every event comes oldest first, as stored, and each hash recomputes from the line', async () => {
    const stored = Number((await server.ctx.models.AuditEvent.max('id')) ?? 0);
    const res = await download(auditor, '/api/audit-events/export?format=jsonl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-events-\d{8}T\d{6}Z\.jsonl"$/);
    const lines = jsonLines(res.text);
    expect(lines.length).toBe(stored);
    let prev = GENESIS_HASH;
    lines.forEach((e, i) => {
      expect(Object.keys(e)).toEqual([...AUDIT_EXPORT_COLUMNS]);
      expect(e.id).toBe(i + 1);
      expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(e.prevHash).toBe(prev);
      expect(hashEvent(e)).toBe(e.hash);
      prev = e.hash;
    });
    const withAfter = lines.find((e) => e.after !== null)!;
    expect(typeof withAfter.after).toBe('string'); // the stored JSON text, not an object
  });

  it('when an auditor exports CSV, then it is RFC 4180 with the columns as header, one record per event', async () => {
    const stored = Number((await server.ctx.models.AuditEvent.max('id')) ?? 0);
    const res = await download(auditor, '/api/audit-events/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-events-.*\.csv"$/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    expect(res.text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(res.text.slice(1));
    expect(header).toEqual([...AUDIT_EXPORT_COLUMNS]);
    expect(rows.length).toBe(stored);
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((_, i) => i + 1));
    for (const r of rows) expect(r.length).toBe(AUDIT_EXPORT_COLUMNS.length);
  });

  it('when a cell starts with = + - @ tab or CR, then the CSV prefixes it with a quote mark; a line break in a cell is quoted; the JSONL keeps it as stored', async () => {
    const reasons = ['=HYPERLINK("http://x.test","click")', '+1+2', '-2+3', '@SUM(A1:A2)', '\tTAB', '\rCR', 'plain, "quoted"\nline', 'one\ntwo', 'one\rtwo'];
    const { db, models } = server.ctx;
    for (const reason of reasons) {
      await db.transaction((tx) => appendAuditEvent(db, models, tx, { actor: null, ip: null, action: 'test.formula', entityType: 'test', entityId: null, reason }));
    }
    const csv = await download(auditor, '/api/audit-events/export?format=csv', { action: 'test.formula' });
    const [header, ...rows] = parseCsv(csv.text.slice(1));
    const reasonAt = header!.indexOf('reason');
    expect(rows.map((r) => r[reasonAt])).toEqual([
      `'=HYPERLINK("http://x.test","click")`, `'+1+2`, `'-2+3`, `'@SUM(A1:A2)`, `'\tTAB`, `'\rCR`, 'plain, "quoted"\nline', 'one\ntwo', 'one\rtwo',
    ]);
    const jsonl = jsonLines((await download(auditor, '/api/audit-events/export?format=jsonl', { action: 'test.formula' })).text);
    expect(jsonl.map((e) => e.reason)).toEqual(reasons);
    for (const e of jsonl) expect(hashEvent(e)).toBe(e.hash);
  });

  it('when a filter is given, then the export holds exactly what the list holds, and a bad query is a 400', async () => {
    const filter = { action: 'auth.login', actorId: auditor.user!.id };
    const list = await auditor.list('audit-events', { filter, sort: ['id', 'ASC'], range: [0, 499] });
    const res = await download(auditor, '/api/audit-events/export?format=jsonl', filter);
    const lines = jsonLines(res.text);
    expect(lines.map((e) => e.id)).toEqual(list.body.map((e: any) => e.id));
    expect(lines.length).toBeGreaterThan(0);

    const bad = async (path: string, filterArg?: unknown) => {
      const r = await download(auditor, path, filterArg);
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.text).code).toBe('validation_failed');
      expect(r.headers.get('content-disposition')).toBeNull();
    };
    await bad('/api/audit-events/export?format=jsonl', { nope: 1 });
    await bad('/api/audit-events/export?format=jsonl', { actorId: 'x' });
    await bad('/api/audit-events/export?format=xml');
    await bad('/api/audit-events/export');
    await bad('/api/audit-events/export?format=csv&sort=["id","DESC"]');
    await bad('/api/closure-requests/export?format=csv', { status: 'lost' });
  });

  it('when an export ends, then it is itself an audit event: who, which filter, how many rows', async () => {
    const filter = { entityType: 'staff_user', at_gte: '2020-01-01' };
    const res = await download(supervisor, '/api/audit-events/export?format=csv', filter);
    const rows = parseCsv(res.text.slice(1)).length - 1;
    const [event] = await lastEvents('audit.export');
    expect(event).toMatchObject({
      actorId: supervisor.user!.id, actorEmail: 'supervisor@demo.test', actorRole: 'supervisor', entityType: 'audit_event',
      after: { format: 'csv', filter: { entityType: 'staff_user', at_gte: '2020-01-01T00:00:00.000Z' }, rows, outcome: 'completed' },
    });
    expect(event.ip).toBeTruthy();
    expect(rows).toBeGreaterThan(0);
  });

  it('when only the headers are asked for (HEAD), then nothing is read and nothing is recorded', async () => {
    const before = (await lastEvents('audit.export'))[0]?.id;
    const res = await fetch(`${server.url}/api/audit-events/export?format=csv`, { method: 'HEAD', headers: { cookie: auditor.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await lastEvents('audit.export'))[0]?.id).toBe(before);
  });

  it('when an agent asks for an export or the chain check, then it is a 403; without a session a 401; a POST a 405', async () => {
    for (const path of ['/api/audit-events/export?format=csv', '/api/closure-requests/export?format=jsonl', '/api/audit-events/verify']) {
      const refused = await download(agent, path);
      expect(refused.status, path).toBe(403);
      expect(JSON.parse(refused.text).code).toBe('forbidden');
      expect((await download(new ApiClient(server.url), path)).status, path).toBe(401);
    }
    expect((await admin.post('/api/audit-events/export?format=csv')).status).toBe(405);
    expect((await download(admin, '/api/closure-requests/export?format=csv')).status).toBe(200);
  });
});

describe('closure records export', () => {
  it('when an auditor exports JSONL, then each request carries its state changes with who and when, and its refunds with maker and checker', async () => {
    // a customer's own words, with quotes, a comma, a line break and Chinese (the seed writes none)
    await server.ctx.db.sequelize.query(`UPDATE closure_requests SET reason_text = '换运营商, "too dear"' || char(10) || 'thanks' WHERE id = (SELECT MIN(id) FROM closure_requests)`
      .replace('char(10)', server.ctx.db.dialect === 'postgres' ? 'chr(10)' : 'char(10)'));
    const res = await download(auditor, '/api/closure-requests/export?format=jsonl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="closure-records-.*\.jsonl"$/);
    const records = jsonLines(res.text);
    const total = await server.ctx.models.ClosureRequest.count();
    expect(records.length).toBe(total);
    expect(records.map((r) => r.id)).toEqual([...records.map((r) => r.id)].sort((a, b) => a - b));
    for (const r of records) expect(Object.keys(r)).toEqual([...CLOSURE_EXPORT_COLUMNS]);
    // the customer's own words, as given (issue 15)
    const words = new Map((await server.ctx.models.ClosureRequest.findAll({ attributes: ['id', 'reasonText'], raw: true }))
      .map((r) => [Number(r.id), (r.reasonText as string | null) ?? null]));
    expect([...words.values()].some((w) => w)).toBe(true);
    for (const r of records) expect(r.reasonText).toBe(words.get(r.id));

    const completed = records.find((r) => r.status === 'completed' && r.refunds.length > 0)!;
    expect(completed).toBeTruthy();
    expect(completed.reference).toMatch(/^CR-/);
    expect(completed.accountNo).toBeTruthy();
    const history = (await auditor.list('audit-events', {
      filter: { entityType: 'closure_request', entityId: String(completed.id) }, sort: ['id', 'ASC'], range: [0, 99],
    })).body;
    expect(completed.stateChanges.map((c: any) => c.eventId)).toEqual(history.map((e: any) => e.id));
    expect(completed.stateChanges.at(-1)).toMatchObject({ action: 'closure.complete', actorEmail: expect.any(String), after: { status: 'completed' } });
    const refunds = (await auditor.list('refunds', { filter: { closureRequestId: completed.id } })).body;
    expect(completed.refunds).toEqual(refunds.map((f: any) => expect.objectContaining({
      id: f.id, amount: f.amount, status: f.status, createdById: f.createdById, approvedById: f.approvedById,
    })));
  });

  it('when exported as CSV with a filter, then only matching requests come, history and refunds as JSON text cells, and the export is audited', async () => {
    const filter = { status: ['completed', 'rejected'] };
    const list = await auditor.list('closure-requests', { filter, sort: ['id', 'ASC'], range: [0, 499] });
    const res = await download(auditor, '/api/closure-requests/export?format=csv', filter);
    const [header, ...rows] = parseCsv(res.text.slice(1));
    expect(header).toEqual([...CLOSURE_EXPORT_COLUMNS]);
    expect(rows.map((r) => Number(r[0]))).toEqual(list.body.map((r: any) => r.id));
    const at = (name: string) => header!.indexOf(name);
    for (const r of rows) {
      expect(['completed', 'rejected']).toContain(r[at('status')]);
      const changes = JSON.parse(r[at('stateChanges')]!);
      expect(changes[0]).toMatchObject({ action: 'closure.submitted' });
      expect(Array.isArray(JSON.parse(r[at('refunds')]!))).toBe(true);
    }
    const [event] = await lastEvents('closure.export');
    expect(event).toMatchObject({
      actorEmail: 'auditor@demo.test', entityType: 'closure_request',
      after: { format: 'csv', filter: { status: ['completed', 'rejected'] }, rows: rows.length, outcome: 'completed' },
    });
  });

  it('when a stored time is not in the form SQLite renders, then its page is written by the JavaScript path of the same declaration, byte for byte as before', async () => {
    const exportBoth = async () => ({
      jsonl: (await download(auditor, '/api/closure-requests/export?format=jsonl')).text,
      csv: (await download(auditor, '/api/closure-requests/export?format=csv')).text,
    });
    const before = await exportBoth();
    const records = jsonLines(before.jsonl);
    const request = records[3]!;
    const withRefund = records.find((r) => r.refunds.length > 0)!;
    const refund = withRefund.refunds[0]!;
    // The same instants, written as ISO 8601 text (as another tool might) rather than as Sequelize writes them:
    // the SQL writer's checks send both pages to the JavaScript writer, whose iso() reads either form.
    const [[oldSubmitted], [oldCreated]] = await Promise.all([
      server.ctx.db.select<{ at: unknown }>(`SELECT submitted_at AS at FROM closure_requests WHERE id = ${Number(request.id)}`, []),
      server.ctx.db.select<{ at: unknown }>(`SELECT created_at AS at FROM refunds WHERE id = ${Number(refund.id)}`, []),
    ]);
    const set = (table: string, column: string, id: number, value: unknown) =>
      server.ctx.db.sequelize.query(`UPDATE ${table} SET ${column} = :value WHERE id = :id`, { replacements: { value, id } });
    await set('closure_requests', 'submitted_at', Number(request.id), request.submittedAt);
    await set('refunds', 'created_at', Number(refund.id), refund.createdAt);
    try {
      if (server.ctx.db.dialect === 'sqlite') {
        const [stored] = await server.ctx.db.select<{ at: string }>(`SELECT submitted_at AS at FROM closure_requests WHERE id = ${Number(request.id)}`, []);
        expect(stored!.at).toBe(request.submittedAt); // …Z, which the SQL writer's isoSql would have mangled
      }
      const after = await exportBoth();
      expect(after.jsonl).toBe(before.jsonl);
      expect(after.csv).toBe(before.csv);
    } finally {
      await set('closure_requests', 'submitted_at', Number(request.id), oldSubmitted!.at);
      await set('refunds', 'created_at', Number(refund.id), oldCreated!.at);
    }
  });

  it('when the search names a phone number, then the audit event keeps the search masked', async () => {
    await download(auditor, '/api/closure-requests/export?format=jsonl', { q: '13812345678' });
    const [event] = await lastEvents('closure.export');
    expect(event.after.filter.q).toBe('13*******78');
  });
});
