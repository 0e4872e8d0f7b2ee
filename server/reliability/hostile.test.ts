import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@closure-desk/shared';
import { apiRoutes } from '../src/app';
import { needsSecondAdmin, SETTING_DEFAULTS, type SettingKey } from '../src/platform/settings-store';
import type { RouteDef } from '../src/platform/http/routes';
import { ApiClient } from '../test/support/api-client';
import { DEMO_PASSWORD, INTAKE_KEY, type TestServer } from '../test/support/test-server';
import { hashPassword } from '../src/platform/auth/passwords';
import { report } from './support/figures';
import { caseArbitrary, INTERNALS, querySweep, segmentSweep, type CaseInput, type Identity, type Ids } from './support/hostile-corpus';
import { diffFingerprints, openInspector, type Inspector } from './support/inspect';
import { startConfiguredServer } from './support/server';
import { parseCsv } from '../test/support/csv';
import { Es2plusErrorAnswer, Tmf630ErrorAnswer } from '../src/connectors/error-shapes';

// Every endpoint of apiRoutes() against a generated corpus (fast-check): no 5xx, no change on a
// 4xx, no internals in any answer. Background jobs are off so the database only moves when a call moves it.
const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

let server: TestServer;
let inspector: Inspector;
let ids: Ids;
const sessions = new Map<string, ApiClient>();
const findings: string[] = [];
const stats = { inputs: 0, byStatus: {} as Record<string, number>, fiveHundreds: 0, changedOn4xx: 0, leaks: 0, notSent: 0, streams: 0 };

async function signIn(): Promise<void> {
  for (const role of ['agent', 'supervisor', 'auditor', 'admin']) sessions.set(role, await ApiClient.as(server.url, `${role}@demo.test`));
}

beforeAll(async () => {
  server = await startConfiguredServer({}, { customers: 60, jobs: false });
  inspector = await openInspector(server.databaseUrl);
  await signIn();
  const q = <T>(sql: string) => inspector.query<T>(sql).then((r) => r[0]!);
  const admin = sessions.get('admin')!;
  const spare = await admin.post('/api/staff-users', { email: 'spare@demo.test', fullName: 'Spare Account', role: 'agent' });
  ids = {
    customerId: (await q<{ id: number }>("SELECT id FROM customers WHERE status = 'active' ORDER BY id LIMIT 1")).id,
    requestId: (await q<{ id: number }>("SELECT id FROM closure_requests WHERE status = 'approved' ORDER BY id LIMIT 1")).id,
    reference: (await q<{ reference: string }>("SELECT reference FROM closure_requests WHERE status = 'submitted' ORDER BY id LIMIT 1")).reference,
    accountNo: (await q<{ a: string }>("SELECT account_no AS a FROM customers WHERE status = 'active' ORDER BY id DESC LIMIT 1")).a,
    billNo: (await q<{ b: string }>("SELECT bill_no AS b FROM bills WHERE status IN ('open','overdue') ORDER BY id LIMIT 1")).b,
    iccid: (await q<{ i: string }>('SELECT iccid AS i FROM esim_profiles ORDER BY id LIMIT 1')).i,
    spareStaffId: spare.body.id,
  };
});
afterAll(async () => {
  await inspector?.close();
  await server?.stop();
});

function headersFor(c: CaseInput): Record<string, string> {
  const h: Record<string, string> = {};
  if (c.body !== undefined && c.contentType) h['content-type'] = c.contentType;
  if (c.idempotencyKey !== null) h['idempotency-key'] = c.idempotencyKey;
  const session = (role: string) => sessions.get(role)!;
  const id: Identity = c.identity;
  if (['agent', 'supervisor', 'auditor', 'admin'].includes(id)) {
    h.cookie = session(id).cookie!;
    h['x-csrf-token'] = session(id).csrfToken!;
  } else if (id === 'agent-no-csrf') h.cookie = session('agent').cookie!;
  else if (id === 'supervisor-bad-csrf') {
    h.cookie = session('supervisor').cookie!;
    h['x-csrf-token'] = 'x'.repeat(43);
  } else if (id === 'intake') h.authorization = `Bearer ${INTAKE_KEY}`;
  else if (id === 'intake-wrong') h.authorization = 'Bearer ' + 'k'.repeat(500);
  else if (id === 'garbage-cookie') h.cookie = 'cd_session=' + '%'.repeat(90) + '; cd_session=a; x=' + 'y'.repeat(3000);
  return h;
}

/** The error answer each peer's call owes it: ES2+'s functionExecutionStatus, TMF630's Error (other methods: API.md's 405). */
const PEER_ANSWERS: Record<string, typeof Es2plusErrorAnswer | typeof Tmf630ErrorAnswer> = {
  'POST /api/peers/es2plus/handleDownloadProgressInfo': Es2plusErrorAnswer,
  'POST /api/peers/tmf641/listener': Tmf630ErrorAnswer,
};

/** One call, judged: 5xx, a change behind a refusal, internals in the answer. */
let current: Record<string, unknown> | null = null; // the fingerprint after the last case: the next one's "before"

async function runCase(route: RouteDef, c: CaseInput): Promise<void> {
  const before = current ?? (await inspector.fingerprint());
  let res: Response;
  try {
    // a case that gets no answer in 30 s is a finding, not a suite that waits for ever
    res = await fetch(`${server.url}${c.path}${c.query}`, { method: c.method, headers: headersFor(c), body: c.body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    current = null;
    // fetch itself refuses some inputs (a header value outside Latin-1): nothing was sent
    if (err instanceof TypeError && !/fetch failed/.test(err.message)) {
      stats.notSent++;
      return;
    }
    findings.push(`NO ANSWER ${c.method} ${c.path}${c.query}: ${(err as Error).message} (${c.note})`);
    return;
  }
  // the live feed (GET /api/events) is an open stream by design: judge its status and headers, then hang up
  const streaming = res.ok && res.headers.get('content-type')?.startsWith('text/event-stream');
  const text = streaming ? (await res.body?.cancel(), '') : await res.text().catch((err: Error) => `NO BODY: ${err.message}`);
  if (streaming) stats.streams++;
  stats.inputs++;
  stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
  const label = `${c.method} ${c.path}${c.query.slice(0, 120)} as ${c.identity} [${c.note}] body=${(c.body ?? '').slice(0, 160)}`;
  if (res.status >= 500) {
    stats.fiveHundreds++;
    findings.push(`${res.status} ${label} -> ${text.slice(0, 200)}`);
  }
  for (const pattern of INTERNALS) {
    if (pattern.test(text) || pattern.test([...res.headers.values()].join('\n'))) {
      stats.leaks++;
      findings.push(`LEAK ${pattern} in ${label} -> ${text.slice(0, 300)}`);
    }
  }
  if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
    const body = JSON.parse(text);
    // the peers' endpoints refuse in their own interface's dialect (docs/INTEGRATIONS.md), every other one in API.md's
    const peerShape = PEER_ANSWERS[`${c.method} ${c.path}`];
    if (peerShape) {
      if (!peerShape.safeParse(body).success) findings.push(`SHAPE ${res.status} ${label} -> ${text.slice(0, 200)}`);
    } else if (typeof body.message !== 'string' || !ERROR_CODES.includes(body.code)) findings.push(`SHAPE ${res.status} ${label} -> ${text.slice(0, 200)}`);
  } else if (res.status >= 400 && res.status !== 431) {
    // 431: Node's HTTP parser refuses headers (URL included) over 16 KB before any of our code runs
    findings.push(`NOT JSON ${res.status} ${label} -> ${text.slice(0, 120)}`);
  }
  current = await inspector.fingerprint();
  if (res.status >= 400 && res.status < 500) {
    const changed = diffFingerprints(before, current);
    if (Object.keys(changed).length) {
      stats.changedOn4xx++;
      findings.push(`CHANGED ON ${res.status} ${label}: ${JSON.stringify(changed)} -> ${text.slice(0, 160)}`);
    }
  }
  // keep the suite's own sessions and settings usable for the next cases
  if (res.status < 300 && (route.path === '/auth/logout' || route.path.startsWith('/staff-users'))) {
    // a mutated id (`01`) can reach one of the suite's own accounts: a reset clears its password, an
    // update may disable it or change its role. Put them back as the seed made them before signing in again.
    if (route.path.startsWith('/staff-users')) {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      for (const role of ['agent', 'supervisor', 'auditor', 'admin'] as const) {
        await server.ctx.models.StaffUser.update({ passwordHash, active: true, role }, { where: { email: `${role}@demo.test` } });
      }
    }
    await signIn();
    current = null;
  }
  if (res.status < 300 && route.path.startsWith('/settings/:key')) {
    // a guarded setting only ever gets a proposal here (one admin cannot approve their own): drop it
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      await sessions.get('admin')!.post(`/api/settings/${key}/actions/reject`);
      if (!needsSecondAdmin(key as SettingKey)) await sessions.get('admin')!.request('PUT', `/api/settings/${key}`, { value });
    }
    current = null;
  }
  // wrong current passwords count as failed sign-ins: keep the suite's accounts able to sign in again
  if (route.path === '/auth/password') await server.ctx.models.LoginAttempt.destroy({ where: {} });
}

describe('hostile input against every endpoint', () => {
  it(`when ${CASES_PER_ROUTE} generated inputs hit each route, then no 5xx, no change behind a 4xx, no internals, the error shape always`, async () => {
    // sign-in last: its failures are counted per address and would lock the suite's own re-sign-ins
    const routes = apiRoutes(server.ctx).sort((a, b) => Number(a.path.startsWith('/auth/')) - Number(b.path.startsWith('/auth/')));
    const lists = routes.filter((r) => querySweep(r).length > 0);
    routes.forEach((route, n) => {
      const sweep = querySweep(route, lists.indexOf(route), Math.max(1, Math.ceil(lists.length / 3)));
      const cases = [...fc.sample(caseArbitrary(route, ids), { numRuns: CASES_PER_ROUTE, seed: SEED + n }), ...segmentSweep(route, ids), ...sweep];
      (route as RouteDef & { cases?: CaseInput[] }).cases = cases;
    });
    const msByRoute: Record<string, number> = {};
    for (const route of routes) {
      const started = performance.now();
      for (const c of (route as RouteDef & { cases: CaseInput[] }).cases) await runCase(route, c);
      msByRoute[`${route.method.toUpperCase()} ${route.path}`] = Math.round(performance.now() - started);
    }
    const slowest = Object.fromEntries(Object.entries(msByRoute).sort((a, b) => b[1] - a[1]).slice(0, 8));
    const chain = await inspector.walkChain();
    const drifts = await inspector.ledgerDrifts();
    report('hostile input (generated corpus)', { chainOk: chain.ok, chainChecked: chain.checked, drifts: drifts.length, routes: routes.length, inputsTried: stats.inputs, notSendable: stats.notSent, streamsOpened: stats.streams, byStatus: stats.byStatus, fiveHundreds: stats.fiveHundreds, changedOn4xx: stats.changedOn4xx, leaks: stats.leaks, seed: SEED, slowestRoutesMs: slowest });
    expect(findings.slice(0, 40), `${findings.length} findings`).toEqual([]);
    expect(chain, 'the audit chain still verifies').toMatchObject({ ok: true });
    expect(drifts).toEqual([]);
  }, 720_000); // every operation times 40 cases: ninety-odd operations since the issues of this round
});

/** Text a person might paste, and text only a broken or hostile client sends. */
const UNICODE_CASES: [string, string][] = [
  ['emoji with skin tone and ZWJ', 'Closing for 👩🏽‍💻 reasons 🇨🇳'],
  ['right-to-left and an override', 'مرحبا \u202Etxt.exe שלום'],
  ['zero-width characters', 'a\u200Bb\u200Cc\u200Dd\uFEFFe'],
  ['combining marks', 'Z̷̢͎a̸͇l̶g̵o and e\u0301'],
  ['line and paragraph separators', 'one\u2028two\u2029three'],
  ['CJK', '注销账户，谢谢'],
  ['NUL inside', 'before\u0000after'],
  ['lone high surrogate', 'broken \uD800 text'],
  ['lone low surrogate', 'broken \uDFFF text'],
  ['reversed pair', '\uDE00\uD83D'],
];

describe('unicode edge cases in names and notes', () => {
  it('when notes, reasons and staff names carry them, then each is stored exactly or refused with 400, and the chain still verifies', async () => {
    const supervisor = sessions.get('supervisor') ?? (await ApiClient.as(server.url, 'supervisor@demo.test'));
    const admin = await ApiClient.as(server.url, 'admin@demo.test');
    const outcomes: Record<string, string> = {};
    for (const [label, escaped] of UNICODE_CASES) {
      // JSON.stringify writes NUL and lone surrogates as \u escapes, as a client that produced them would send them
      const raw = JSON.stringify({ text: escaped });
      const intended: string = JSON.parse(raw).text;
      const before = await inspector.fingerprint();
      const res = await supervisor.request('POST', `/api/closure-requests/${ids.requestId}/notes`, raw);
      if (res.status === 201) {
        const notes = (await supervisor.get(`/api/closure-requests/${ids.requestId}/notes`)).body;
        expect(notes.find((n: { id: number }) => n.id === res.body.id)?.text, label).toBe(intended.trim());
        outcomes[`note: ${label}`] = 'stored exactly';
      } else {
        expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.code).toBe('validation_failed');
        expect(diffFingerprints(before, await inspector.fingerprint())).toEqual({});
        outcomes[`note: ${label}`] = 'refused 400';
      }
      const name = JSON.stringify({ email: `u${Math.random().toString(36).slice(2)}@demo.test`, fullName: escaped, role: 'auditor' });
      const staff = await admin.request('POST', '/api/staff-users', name);
      if (staff.status === 201) {
        const listed = (await admin.get(`/api/staff-users/${staff.body.id}`)).body;
        expect(listed.fullName, label).toBe(JSON.parse(name).fullName.trim());
        outcomes[`name: ${label}`] = 'stored exactly';
      } else {
        expect(staff.status, `${label}: ${JSON.stringify(staff.body)}`).toBe(400);
        outcomes[`name: ${label}`] = 'refused 400';
      }
    }
    const chain = await inspector.walkChain();
    report('unicode edge cases', { cases: UNICODE_CASES.length * 2, outcomes, chainOk: chain.ok, chainChecked: chain.checked });
    expect(chain).toMatchObject({ ok: true });
  });
});

describe('CSV formula characters', () => {
  it('when reasons start with = + - @ tab or CR, then every such cell of the CSV exports starts with a quote', async () => {
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    const auditor = await ApiClient.as(server.url, 'auditor@demo.test');
    const formulas = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '=cmd|\' /C calc\'!A0'];
    const since = new Date(Date.now() - 1000).toISOString();
    const free = await inspector.query<{ id: number }>(`SELECT id FROM customers c WHERE status = 'active' AND NOT EXISTS
      (SELECT 1 FROM closure_requests r WHERE r.customer_id = c.id AND r.status IN ('submitted','in_review','awaiting_customer','approved')) ORDER BY id DESC LIMIT ${formulas.length}`);
    const opened: { id: number; version: number }[] = [];
    for (const [k, f] of formulas.entries()) {
      const res = await agent.post('/api/closure-requests', { customerId: free[k]!.id, channel: 'phone', reasonCode: 'other', reasonText: f, verificationMethod: 'security_questions', identityVerified: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      opened.push(res.body);
    }
    const claimed = await agent.post(`/api/closure-requests/${opened[0]!.id}/actions/claim`, { version: 1 });
    const rejected = await agent.post(`/api/closure-requests/${opened[0]!.id}/actions/reject`, { version: claimed.body.version, reasonCode: 'other', note: '@reject-note' });
    expect(rejected.status).toBe(200);
    const filter = encodeURIComponent(JSON.stringify({ entityType: 'closure_request', at_gte: since }));
    const res = await fetch(`${server.url}/api/audit-events/export?format=csv&filter=${filter}`, { headers: { cookie: auditor.cookie! } });
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    const cells = rows.slice(1).flat();
    let checked = 0;
    for (const cell of cells) {
      const first = cell.replace(/^'/, '')[0];
      if (first && '=+-@\t\r'.includes(first)) {
        expect(cell.startsWith("'"), `cell ${JSON.stringify(cell)}`).toBe(true);
        checked++;
      }
    }
    // free text is trimmed on the way in, so a leading tab or CR never reaches a cell; what follows it is still protected
    for (const f of formulas) expect(cells.some((c) => c === `'${f.trim()}`), `the reason cell ${JSON.stringify(f)}`).toBe(true);
    expect(cells.some((c) => c === "'@reject-note")).toBe(true);
    const closures = await fetch(`${server.url}/api/closure-requests/export?format=csv&filter=${encodeURIComponent(JSON.stringify({ id: opened.map((o) => o.id) }))}`, { headers: { cookie: auditor.cookie! } });
    expect(closures.status).toBe(200);
    for (const cell of parseCsv(await closures.text()).slice(1).flat()) {
      if (cell && '=+-@\t\r'.includes(cell[0]!)) throw new Error(`unprotected cell ${cell}`);
    }
    report('CSV formula characters', { formulaCellsChecked: checked, exports: 2 });
  });
});

describe('oversized and odd bodies', () => {
  it('when a body is over the limit, then 413 in the error shape and nothing changes', async () => {
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    const big = JSON.stringify({ text: 'x'.repeat(1_100_000) });
    const cases: [string, string, Record<string, string>][] = [
      [`/api/closure-requests/${ids.requestId}/notes`, big, { cookie: supervisor.cookie!, 'x-csrf-token': supervisor.csrfToken! }],
      ['/api/intake/closure-requests', JSON.stringify({ accountNo: 'A1', reasonCode: 'other', reasonText: 'y'.repeat(2_000_000) }), { authorization: `Bearer ${INTAKE_KEY}`, 'idempotency-key': 'big' }],
      ['/api/auth/login', JSON.stringify({ email: 'a@b.c', password: 'p'.repeat(1_500_000) }), {}],
    ];
    for (const [path, body, headers] of cases) {
      const before = await inspector.fingerprint();
      const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect(res.status, path).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
      expect(diffFingerprints(before, await inspector.fingerprint())).toEqual({});
    }
    const form = new FormData();
    form.append('file', new Blob([Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 32)])], { type: 'application/pdf' }), 'huge.pdf');
    const before = await inspector.fingerprint();
    const upload = await fetch(`${server.url}/api/closure-requests/${ids.requestId}/attachments`, { method: 'POST', headers: { cookie: supervisor.cookie!, 'x-csrf-token': supervisor.csrfToken! }, body: form });
    expect(upload.status).toBe(413);
    expect(await upload.json()).toMatchObject({ code: 'payload_too_large' });
    expect(diffFingerprints(before, await inspector.fingerprint())).toEqual({});
    report('oversized bodies', { refusedWith413: cases.length + 1 });
  });

  it('when values sit just past the columns they are stored in, then 400 or 404, never 500 (PostgreSQL enforces lengths)', async () => {
    const intake = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });
    const long = await intake.post(`/api/intake/closure-requests/${'R'.repeat(300)}/withdraw`, {}, { 'idempotency-key': 'long-ref' });
    expect(long.status).toBe(404);
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    const refund = await supervisor.post('/api/refunds', { closureRequestId: ids.requestId, amount: 1, method: 'other', payoutReference: 'P'.repeat(65) }, { 'idempotency-key': 'long-po' });
    expect(refund.status).toBe(400);
  });
});
