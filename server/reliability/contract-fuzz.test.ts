import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@closure-desk/shared';
import { apiRoutes } from '../src/app';
import { PEER_ERROR_SHAPES } from '../src/connectors';
import { needsSecondAdmin, SETTING_DEFAULTS, type SettingKey } from '../src/platform/settings-store';
import type { Access } from '../src/platform/http/routes';
import { ApiClient } from '../test/support/api-client';
import { contractProblems, rawFetch } from '../test/support/contract';
import { INTAKE_KEY, type TestServer } from '../test/support/test-server';
import { caseArb, operations, sweepCases, type ContractCase, type Fixtures, type Operation } from './support/contract-fuzz';
import { report } from './support/figures';
import { INTERNALS } from './support/hostile-corpus';
import { diffFingerprints, openInspector, type Inspector } from './support/inspect';
import { startConfiguredServer } from './support/server';

// Contract-driven fuzzing: every operation of the served OpenAPI document gets requests generated
// from its own schemas and then mutated (support/contract-fuzz.ts). Each answer must be no 5xx, in
// the error shape when it is an error, free of internals, change nothing when it is a 4xx, and
// conform to the document: a status the operation lists, a body its schema accepts.
const CASES_PER_OPERATION = Number(process.env.CONTRACT_FUZZ_CASES ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

let server: TestServer;
let inspector: Inspector;
let doc: Record<string, any>;
let fixtures: Fixtures;
const sessions = new Map<string, ApiClient>();
const findings: string[] = [];
const stats = { cases: 0, checked: 0, notSent: 0, fiveHundreds: 0, changedOn4xx: 0, leaks: 0, offContract: 0, byStatus: {} as Record<string, number>, fiveHundredsBy: {} as Record<string, number>, byMutation: {} as Record<string, number> };

async function signIn(): Promise<void> {
  // The suite's own sign-ins are not the subject: the generated sign-in cases' failures, all from this
  // machine's address, would otherwise lock them out (the throttle has its own tests).
  await server.ctx.models.LoginAttempt.destroy({ where: {} });
  for (const role of ['agent', 'supervisor', 'auditor', 'admin']) sessions.set(role, await ApiClient.as(server.url, `${role}@demo.test`));
}

beforeAll(async () => {
  server = await startConfiguredServer({}, { customers: 60, jobs: false });
  inspector = await openInspector(server.databaseUrl);
  await signIn();
  doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
  const ids = async (sql: string) => (await inspector.query<{ id: number }>(sql)).map((r) => Number(r.id));
  const admin = sessions.get('admin')!;
  // invited by link as the API now requires (no password): the staff operations work on this account only
  const spare = await admin.post('/api/staff-users', { email: 'contract-spare@demo.test', fullName: 'Spare Account', role: 'agent' });
  expect(spare.status).toBe(201);
  const byResource: Record<string, number[]> = {
    'closure-requests': await ids("SELECT id FROM closure_requests WHERE status IN ('submitted','in_review','approved','awaiting_customer') ORDER BY id LIMIT 12"),
    customers: await ids("SELECT id FROM customers WHERE status = 'active' ORDER BY id LIMIT 8"),
    bills: await ids("SELECT id FROM bills WHERE status IN ('open','overdue') ORDER BY id LIMIT 8"),
    refunds: await ids('SELECT id FROM refunds ORDER BY id LIMIT 8'),
    notifications: await ids('SELECT id FROM notifications ORDER BY id LIMIT 8'),
    'audit-events': await ids('SELECT id FROM audit_events ORDER BY id LIMIT 8'),
    'esim-profiles': await ids('SELECT id FROM esim_profiles ORDER BY id LIMIT 8'),
    'balance-entries': await ids('SELECT id FROM balance_entries ORDER BY id LIMIT 8'),
    attachments: await ids('SELECT id FROM attachments ORDER BY id LIMIT 8'),
    'staff-users': [spare.body.id], // never the accounts the suite signs in with
  };
  const reference = (await inspector.query<{ reference: string }>("SELECT reference FROM closure_requests WHERE status = 'submitted' ORDER BY id LIMIT 1"))[0]!.reference;
  fixtures = { idFor: (template) => byResource[template.split('/')[1]!] ?? [], reference };
});
afterAll(async () => {
  await inspector?.close();
  await server?.stop();
});

/** The caller the operation is for: mostly its own role (so the input reaches the deep code), now and then nobody or a write without CSRF. */
function credentials(access: Access, pick: number): Record<string, string> {
  if (access === 'public') return {};
  if (access === 'intake') return pick % 13 === 0 ? {} : { authorization: `Bearer ${INTAKE_KEY}` };
  const role = access[pick % access.length]!;
  const session = sessions.get(role)!;
  if (pick % 17 === 0) return {};
  if (pick % 19 === 0) return { cookie: session.cookie! };
  return { cookie: session.cookie!, 'x-csrf-token': session.csrfToken! };
}

let current: Record<string, unknown> | null = null;

async function firstChunk(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value ?? new Uint8Array());
}

async function runCase(operation: Operation, access: Access, c: ContractCase, pick: number): Promise<void> {
  const before = current ?? (await inspector.fingerprint());
  const label = `${c.method} ${c.path}${c.query.slice(0, 160)} [${c.operationId}: ${c.mutation}]`;
  let res: Response;
  try {
    res = await rawFetch(`${server.url}${c.path}${c.query}`, { method: c.method, headers: { ...c.headers, ...credentials(access, pick) }, body: c.body, redirect: 'manual' });
  } catch (err) {
    current = null;
    if (err instanceof TypeError && !/fetch failed/.test(err.message)) {
      stats.notSent++;
      return;
    }
    findings.push(`NO ANSWER ${label}: ${(err as Error).message}`);
    return;
  }
  // An event stream (GET /api/events) never ends: its first frame is the answer to judge.
  const text = (res.headers.get('content-type') ?? '').startsWith('text/event-stream') ? await firstChunk(res) : await res.text();
  stats.cases++;
  stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
  const kind = c.mutation.endsWith('(sweep)') ? 'sweep' : c.mutation.split(/[ :;]/)[0]!;
  stats.byMutation[kind] = (stats.byMutation[kind] ?? 0) + 1;
  if (res.status >= 500) {
    stats.fiveHundreds++;
    const what = c.mutation.replace(/ (in|at) [\w.]+/g, '').replace(/\d{4}-[\d-]+T?[\d:+Z-]*/, '<date>').replace(/ \(sweep\)$/, '');
    stats.fiveHundredsBy[`${c.operationId}: ${what}`.slice(0, 90)] = (stats.fiveHundredsBy[`${c.operationId}: ${what}`.slice(0, 90)] ?? 0) + 1;
    findings.push(`${res.status} ${label} -> ${text.slice(0, 200)}`);
  }
  for (const pattern of INTERNALS) {
    if (pattern.test(text)) {
      stats.leaks++;
      findings.push(`LEAK ${pattern} in ${label} -> ${text.slice(0, 200)}`);
    }
  }
  const contentType = res.headers.get('content-type');
  let body: unknown = text;
  if (/json/.test(contentType ?? '') && !/ndjson/.test(contentType ?? '')) {
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      findings.push(`NOT JSON ${res.status} ${label} -> ${text.slice(0, 120)}`);
    }
  } else if (!text) body = null;
  // A peer's endpoint answers its errors in that peer's shape (ES2+, TMF630): the document's own schema for it judges them below.
  const peerShaped = PEER_ERROR_SHAPES.some((p) => p.method === c.method.toUpperCase() && p.path === c.path);
  if (res.status >= 400 && !peerShaped) {
    const e = body as { message?: unknown; code?: unknown } | null;
    if (typeof e?.message !== 'string' || !ERROR_CODES.includes(e.code as never)) findings.push(`SHAPE ${res.status} ${label} -> ${text.slice(0, 200)}`);
  }
  if (res.status < 500) {
    stats.checked++;
    const problems = contractProblems(c.method, `${c.path}${c.query}`, { status: res.status, contentType, body });
    if (problems.length) {
      stats.offContract++;
      findings.push(`OFF CONTRACT ${label}: ${problems.join(' | ').slice(0, 400)}`);
    }
  }
  current = await inspector.fingerprint();
  if (res.status >= 400 && res.status < 500) {
    const changed = diffFingerprints(before, current);
    if (Object.keys(changed).length) {
      stats.changedOn4xx++;
      findings.push(`CHANGED ON ${res.status} ${label}: ${JSON.stringify(changed)}`);
    }
  }
  // keep the suite's own sessions and settings usable for the next cases
  if (res.status < 300 && (c.operationId === 'logout' || c.operationId === 'updateStaffUser')) {
    await signIn();
    current = null;
  }
  // a guarded setting's change is only a proposal (202) that no second admin here approves: only the others are put back
  if (res.status === 200 && c.operationId === 'updateSetting') {
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      if (!needsSecondAdmin(key as SettingKey)) await sessions.get('admin')!.request('PUT', `/api/settings/${key}`, { value });
    }
    current = null;
  }
}

describe('contract-driven fuzzing from the OpenAPI document', () => {
  it(`when ${CASES_PER_OPERATION} cases generated from its schemas, and a sweep of the mutation classes, hit each operation, then every answer conforms, no 5xx, nothing changes behind a 4xx`, async () => {
    const access = new Map(apiRoutes(server.ctx).map((r) => [r.doc.operationId, r.access]));
    // sign-in and sign-out last: failed sign-ins are counted per address and would lock the suite's own re-sign-ins
    const last = (o: Operation) => (o.op.operationId === 'login' ? 2 : o.op.operationId === 'logout' ? 1 : 0);
    const ops = operations(doc).sort((a, b) => last(a) - last(b));
    expect(ops.length).toBe(access.size);
    const covered = new Set<string>();
    for (const [n, operation] of ops.entries()) {
      const cases = [...fc.sample(caseArb(doc, operation, fixtures), { numRuns: CASES_PER_OPERATION, seed: SEED + n }), ...sweepCases(doc, operation, fixtures, SEED + n)];
      for (const [k, c] of cases.entries()) await runCase(operation, access.get(c.operationId)!, c, k + n);
      covered.add(operation.op.operationId);
    }
    const chain = await inspector.walkChain();
    const drifts = await inspector.ledgerDrifts();
    report('contract fuzzing (cases from the OpenAPI document)', {
      operations: ops.length, operationsCovered: covered.size, casesPerOperation: CASES_PER_OPERATION, cases: stats.cases, notSendable: stats.notSent,
      answersCheckedAgainstDocument: stats.checked, offContract: stats.offContract, fiveHundreds: stats.fiveHundreds, changedOn4xx: stats.changedOn4xx,
      leaks: stats.leaks, byStatus: stats.byStatus, fiveHundredsBy: stats.fiveHundredsBy, byMutation: stats.byMutation, chainOk: chain.ok, drifts: drifts.length, seed: SEED,
    });
    expect(covered.size).toBe(access.size);
    expect(findings.slice(0, 40), `${findings.length} findings`).toEqual([]);
    expect(chain, 'the audit chain still verifies').toMatchObject({ ok: true });
    expect(drifts).toEqual([]);
  }, 600_000); // 12 cases for each of 86 operations: more than the config's 240 s on a loaded 2-core machine
});
