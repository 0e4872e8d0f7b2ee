import fc from 'fast-check';
import type { RouteDef } from '../../src/platform/http/routes';

/**
 * The generated corpus of the hostile-input case: for each route of apiRoutes(), bodies, query
 * strings, headers and path segments, mostly small mutations of a valid call (so inputs get past
 * the first check and reach the deeper code), some pure noise.
 */

/** Strings people, spreadsheets, attackers and broken clients send. None names an internal on purpose (see INTERNALS). */
export const EDGE_STRINGS = [
  '', ' ', '\t', '\n', 'null', 'undefined', 'NaN', 'true', '0', '-1', '1e309', '0x10', '１２３', '١٢٣',
  '=1+1', '=HYPERLINK("http://evil.example","x")', '+SUM(A1:A9)', '-2+3', '@cmd', '\t=1', '\r=1', "'=1",
  "' OR '1'='1", '"; DROP TABLE customers; --', "1; DELETE FROM refunds", '%', '%%', '_', '\\', '\\u0000',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', '../../etc/passwd', '..\\..\\boot.ini',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '👩🏽‍💻🇨🇳', '\u202Egnp.exe', 'مرحبا بالعالم', 'שלום', '注销账户', 'Z̷̢͎a̸͇l̶g̵o', '\u200B\u200C\u200D\uFEFF', '\u00AD\u2028\u2029',
  '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uD83D', '\uDE00y', '\u0007\u001B[31m', '\uFFFE\uFFFF',
  'x'.repeat(2001), 'é'.repeat(3000), '9'.repeat(400), ' '.repeat(50),
];

export const EDGE_NUMBERS = [0, -0, -1, 1, 1.5, 0.1, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE];

const edgeString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);
const edgeNumber = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const edgeScalar = fc.oneof(edgeString, edgeNumber, fc.boolean(), fc.constant(null));
export const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: edgeScalar },
  { weight: 1, arbitrary: fc.array(edgeScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(edgeString, edgeScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom({}, [], [[[[[[[[[[]]]]]]]]]], { $gt: '' }, { __proto__: { admin: true } }) },
);

/** Bodies that are not JSON, or JSON that is odd on the wire. */
export const RAW_BODIES = [
  '{', '{"a":', '[', 'nul', 'tru', '"', '\u0000', '{"a":1,"a":2}', '1'.padEnd(500, '0'), '[]', '""', 'null', '42',
  `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}',
  '{"text":"\\ud800"}', '{"text":"\\u0000"}', '{"note":"\\udfff\\ud800"}', '\uFEFF{}', '{"a":"\\x41"}', '{"a":01}', '{"a":1e999}',
];

export const CONTENT_TYPES = [
  'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/xml', '',
];

/** Path segments in place of :id, :action, :key, :reference. Percent-encoded as a client would send them, or raw. */
export const EDGE_SEGMENTS = [
  '0', '-1', '1.5', '1e3', '01', '+1', ' 1', '9'.repeat(16), '9'.repeat(40), '0x1', 'null', 'NaN',
  '%00', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%2F..%2F', '%25', '%ED%A0%80', '%C0%AF', '%FF', '%E2%80%AE', '%F0%9F%92%A9',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', "1'%20OR%20'1'='1", 'a'.repeat(300), '%20',
];

export interface CaseInput {
  method: string;
  path: string;
  query: string;
  identity: Identity;
  contentType: string;
  body: string | undefined;
  idempotencyKey: string | null;
  note: string;
}

export type Identity = 'none' | 'agent' | 'supervisor' | 'auditor' | 'admin' | 'agent-no-csrf' | 'supervisor-bad-csrf' | 'intake' | 'intake-wrong' | 'garbage-cookie';

/** A valid call for each route (method + path), which most cases mutate. */
export function validBody(route: RouteDef, ids: Ids): Record<string, unknown> | null {
  // the workflow actions are one route each; their valid body is the one shared table row
  const key = `${route.method} ${route.path.replace(/^\/closure-requests\/:id\/actions\/[a-z-]+$/, '/closure-requests/:id/actions/:action')}`;
  const today = new Date().toISOString().slice(0, 10);
  const table: Record<string, Record<string, unknown>> = {
    'post /auth/login': { email: 'agent@demo.test', password: 'wrong-password' },
    'post /staff-users': { email: `fuzz-${Math.random().toString(36).slice(2)}@demo.test`, fullName: 'Fuzz Person', role: 'agent' },
    'post /auth/enrol': { token: 'x'.repeat(43), password: 'a-long-password-1' },
    'post /auth/password': { currentPassword: 'wrong-password', newPassword: 'a-long-password-2' },
    'put /staff-users/:id': { fullName: 'Renamed', active: true },
    'put /settings/:key': { value: 7 },
    'post /closure-requests': { customerId: ids.customerId, channel: 'phone', reasonCode: 'other', reasonText: 'x', verificationMethod: 'security_questions', identityVerified: true },
    'post /closure-requests/:id/notes': { text: 'a note' },
    'post /closure-requests/:id/actions/:action': { version: 1, note: 'n', message: 'm', balanceDecision: 'forfeit', effectiveDate: today, reasonCode: 'other', method: 'security_questions', assigneeId: 1 },
    'post /customers/:id/reveal': { field: 'phone', reason: 'checking' },
    'post /bills/:id/actions/waive': { reason: 'goodwill' },
    'post /refunds': { closureRequestId: ids.requestId, amount: 100, method: 'original_payment', payoutReference: 'PO-1' },
    'post /refunds/:id/actions/approve': { note: 'ok' },
    'post /refunds/:id/actions/reject': { note: 'no' },
    'post /intake/closure-requests': { accountNo: ids.accountNo, reasonCode: 'other' },
    'post /intake/closure-requests/:reference/withdraw': { note: 'changed my mind' },
    'post /intake/bill-payments': { billNo: ids.billNo, amount: 1, paidAt: new Date().toISOString(), reference: 'PAY-1' },
    'post /intake/profile-events': { iccid: ids.iccid, event: 'deleted', at: new Date().toISOString() },
    'post /notifications/:id/actions/retry': {},
    'post /auth/logout': {},
  };
  return table[key] ?? (route.method === 'get' ? null : {});
}

export interface Ids {
  customerId: number;
  requestId: number;
  accountNo: string;
  billNo: string;
  iccid: string;
  reference: string;
  spareStaffId: number;
}

const validSegment = (name: string, route: RouteDef, ids: Ids) => {
  if (name === 'action') return fc.constantFrom('claim', 'assign', 'request-info', 'resume', 'verify-identity', 'approve', 'reject', 'withdraw', 'complete', 'reopen', 'retry-termination');
  if (name === 'key') return fc.constantFrom('slaDays', 'refundApprovalThreshold', 'sessionIdleMinutes', 'intakeRateLimitPerMinute');
  if (name === 'reference') return fc.constant(ids.reference);
  if (route.path.startsWith('/staff-users')) return fc.constant(String(ids.spareStaffId)); // never the accounts the suite signs in with
  return fc.integer({ min: 1, max: 60 }).map(String);
};

function mutateBody(valid: Record<string, unknown> | null): fc.Arbitrary<{ body: unknown; note: string }> {
  const base = valid ?? {};
  const keys = Object.keys(base);
  const options: fc.Arbitrary<{ body: unknown; note: string }>[] = [
    fc.constant({ body: base, note: 'valid' }),
    fc.jsonValue({ maxDepth: 3 }).map((body) => ({ body, note: 'random JSON' })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in base)), edgeValue).map(([k, v]) => ({ body: { ...base, [k]: v }, note: `extra field ${k}` })),
    fc.constantFrom('__proto__', 'constructor', 'id', 'status', 'version', 'createdById', 'role').chain((k) => edgeValue.map((v) => ({ body: JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v ?? null)}}`), note: `only ${k}` }))),
  ];
  if (keys.length) {
    options.push(
      fc.tuple(fc.constantFrom(...keys), edgeValue).map(([k, v]) => ({ body: { ...base, [k]: v }, note: `field ${k} hostile` })),
      fc.tuple(fc.constantFrom(...keys), edgeValue).map(([k, v]) => ({ body: { ...base, [k]: v }, note: `field ${k} hostile` })),
      fc.tuple(fc.constantFrom(...keys), edgeValue).map(([k, v]) => ({ body: { ...base, [k]: v }, note: `field ${k} hostile` })),
      fc.constantFrom(...keys).map((k) => {
        const { [k]: _, ...rest } = base;
        return { body: rest, note: `field ${k} missing` };
      }),
      edgeString.map((s) => ({ body: Object.fromEntries(keys.map((k) => [k, typeof base[k] === 'string' ? s : base[k]])), note: 'every string field hostile' })),
    );
  }
  return fc.oneof(...options);
}

function queryFor(route: RouteDef): fc.Arbitrary<string> {
  if (route.method !== 'get') return fc.oneof(fc.constant(''), fc.constant(''), fc.constantFrom('?a=1', '?version=99', '?%00=1', '?__proto__[x]=1'));
  const json = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v));
  const param = fc.oneof(
    json(edgeValue),
    fc.constantFrom('["id","ASC"]', '["id","DESC; DROP TABLE x"]', '["__proto__","ASC"]', '[0,24]', '[0,500]', '[0,501]', '[-1,5]', '[5,0]',
      '[0,1e9]', '[0.5,2]', '{"q":"%"}', '{"q":"_"}', '{"q":"\\\\"}', '{"id":[1,2,"x"]}', '{"id":[]}', '{"status":{"$gt":""}}',
      '{"status":"submitted","__proto__":1}', '{"submittedAt_gte":"yesterday"}', '{"cashBalance_gte":1e400}', '{"action":"\\u0000"}',
      '{"q":"\\ud800"}', '{"entityId":"x"}', '{"overdue":"maybe"}', 'not json', '', '[', 'csv', 'jsonl', 'xml'),
    edgeString,
  );
  const name = fc.constantFrom('sort', 'range', 'filter', 'filter', 'filter', 'format', 'q', 'unknown', 'filter[]', '__proto__', '');
  return fc.array(fc.tuple(name, param), { maxLength: 4 }).map((pairs) => {
    if (!pairs.length) return '';
    const rawish = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${safeEncode(v)}`).join('&');
    return `?${rawish}`;
  });
}

/** encodeURIComponent, but a lone surrogate (which it refuses) goes as the raw invalid UTF-8 a broken client would send. */
function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

export function caseArbitrary(route: RouteDef, ids: Ids): fc.Arbitrary<CaseInput> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const segments = names.map((n) => fc.oneof({ weight: 3, arbitrary: validSegment(n, route, ids) }, { weight: 2, arbitrary: fc.constantFrom(...EDGE_SEGMENTS) }, { weight: 1, arbitrary: edgeString.map(safeEncode) }));
  const rightIdentity: fc.Arbitrary<Identity> = route.access === 'public' ? fc.constant('none')
    : route.access === 'intake' ? fc.constant('intake')
      : fc.constantFrom(...(route.access as readonly string[]).filter((r): r is Identity => ['agent', 'supervisor', 'auditor', 'admin'].includes(r)));
  const identity = fc.oneof({ weight: 6, arbitrary: rightIdentity }, { weight: 1, arbitrary: fc.constantFrom<Identity>('none', 'agent', 'auditor', 'agent-no-csrf', 'supervisor-bad-csrf', 'intake', 'intake-wrong', 'garbage-cookie') });
  const method = fc.oneof({ weight: 12, arbitrary: fc.constant(route.method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') });
  const body = fc.oneof(
    { weight: 8, arbitrary: mutateBody(validBody(route, ids)).map(({ body, note }) => ({ text: JSON.stringify(body), note })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ text, note: 'raw body' })) },
  );
  const key = fc.oneof({ weight: 6, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(256), 'é', 'a b', '%00') }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.record({
    method,
    segments: fc.tuple(...segments),
    query: queryFor(route),
    identity,
    contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    body,
    idempotencyKey: key,
  }).map((c) => {
    let i = 0;
    const path = `/api${route.path.replace(/:(\w+)/g, () => c.segments[i++] as string)}`;
    return {
      method: c.method,
      path,
      query: c.query,
      identity: c.identity,
      contentType: c.contentType,
      body: c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body.text,
      idempotencyKey: c.idempotencyKey,
      note: c.body.note,
    };
  });
}

/** What must never appear in an answer: traces, file paths, SQL engine and driver words. */
export const INTERNALS = [
  /\bat [\w$.<>[\] ]+ \((?:file:\/\/|\/|node:)/, /\.(?:ts|js|mjs|cjs):\d+:\d+/, /\/work\/|\/home\/|\/usr\/lib|node_modules/,
  /Sequelize|SQLITE_|sqlite3|SQLITE|pg_catalog|syntax error at or near|relation "|violates|duplicate key value|invalid input syntax/i,
  /TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|undefined is not/,
];

/**
 * Every edge segment in every named parameter that is not a numeric id (:key, :action,
 * :reference), as the right caller with a valid body: lookups by name are where a
 * `'constructor' in object` slips through, so they are swept rather than sampled.
 */
export function segmentSweep(route: RouteDef, ids: Ids): CaseInput[] {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (!names.some((n) => n !== 'id')) return [];
  const identity: Identity = route.access === 'public' ? 'none' : route.access === 'intake' ? 'intake'
    : ((route.access as readonly string[]).find((r) => ['agent', 'supervisor', 'auditor', 'admin'].includes(r)) as Identity);
  const body = route.method === 'get' ? undefined : JSON.stringify(validBody(route, ids) ?? {});
  return [...EDGE_SEGMENTS, ...EDGE_STRINGS.map(safeEncode)].map((segment) => ({
    method: route.method.toUpperCase(),
    path: `/api${route.path.replace(/:(\w+)/g, (_, n: string) => (n === 'id' ? '1' : segment))}`,
    query: '',
    identity,
    contentType: 'application/json',
    body,
    idempotencyKey: `sweep-${Math.random().toString(36).slice(2)}`,
    note: `segment sweep ${segment.slice(0, 30)}`,
  }));
}

const FILTER_FIELDS = ['q', 'id', 'status', 'action', 'entityId', 'entityType', 'customerId', 'closureRequestId', 'submittedAt_gte', 'at_lte', 'amount_gte', 'overdue', 'role'];
const FILTER_VALUES: unknown[] = ['\u0000', 'a\u0000', '\uD800', '%', '_', '\\', "'", '"', 'x'.repeat(201), 9e15, -1, 1.5, true, null, [], [null], ['x', 1], {}, { $ne: 1 }, '2026-02-30', '2026-11-22T25:00:00Z'];

/**
 * Every filter field with every awkward value, and a few sorts and ranges: swept, not sampled.
 * The field × value pairs are dealt out over the lists and exports (`slot` of `slots`), so each
 * pair is tried once somewhere and every list gets its share.
 */
export function querySweep(route: RouteDef, slot = 0, slots = 1): CaseInput[] {
  if (route.method !== 'get' || route.path.includes(':') || route.access === 'public') return [];
  const identity = (route.access as readonly string[]).find((r) => ['agent', 'supervisor', 'auditor', 'admin'].includes(r)) as Identity;
  const format = route.path.endsWith('/export') ? 'format=csv&' : '';
  const pairs = FILTER_FIELDS.flatMap((f) => FILTER_VALUES.map((v) => ({ [f]: v })));
  const queries = [
    ...pairs.filter((_, k) => k % slots === slot % slots).map((p) => `filter=${encodeURIComponent(JSON.stringify(p))}`),
    ...['["id","ASC"]', '["id"]', '["id","ASC","x"]', '[{"a":1},"ASC"]', '["\\u0000","ASC"]'].map((v) => `sort=${encodeURIComponent(v)}`),
    ...['[0,0]', '[0,499]', '[1e20,2e20]', '[null,1]', '[0]', '"0-24"'].map((v) => `range=${encodeURIComponent(v)}`),
  ];
  return queries.map((q) => ({
    method: 'GET', path: `/api${route.path}`, query: `?${format}${q}`, identity, contentType: '', body: undefined, idempotencyKey: null, note: 'query sweep',
  }));
}
