import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '@closure-desk/shared';
import * as A from '@closure-desk/shared';
import { SESSION_COOKIE } from '../auth/sessions';
import type { FilterType } from './list-query';
import type { ListResource } from './list-resource';
import type { RouteDef } from './routes';

/**
 * The OpenAPI 3.1 document of the whole API, built at start-up from the route table: each
 * RouteDef carries a `doc` (RouteDoc below) whose zod schemas are the ones the route validates
 * with and answers in. A route without one stops the server, as a route without roles does.
 *
 * Adding a route: give it `doc: { operationId, summary, tag, body?, params?, ok, errors? }`.
 * The errors every route of its kind can give (400 for bad text, 401/403 for staff routes, 404 for
 * a path with an id, 413/415 for a JSON body, 429 for intake) are added here; list only the
 * others in `errors`. A new answer shape goes in shared/src/schemas/answers.ts and, if it is a
 * named component, in ANSWERS below.
 */

export type HeaderName = 'Content-Range' | 'Retry-After' | 'Idempotent-Replayed' | 'Content-Disposition';

export interface OkDoc {
  status: number;
  description: string;
  /** a zod answer schema (JSON); omitted for 204 */
  schema?: z.ZodType;
  /** the answer is an array of `schema` */
  array?: boolean;
  /** other media types than JSON: name → JSON Schema (e.g. text/csv) */
  media?: Record<string, object>;
  headers?: HeaderName[];
  example?: unknown;
  /** `links`: name → { operationId, parameters } (OpenAPI link objects) */
  links?: Record<string, { operationId: string; parameters: Record<string, string>; description?: string }>;
}

export interface RouteDoc {
  operationId: string;
  summary: string;
  description?: string;
  /** one of TAGS: the component the route belongs to */
  tag: keyof typeof TAGS;
  /** the JSON body schema, or `multipart` for a file upload */
  body?: z.ZodType | 'multipart';
  /** an example body */
  bodyExample?: unknown;
  /** the body is optional (every field optional) */
  bodyOptional?: boolean;
  /** path parameters that are not a positive integer id */
  params?: Record<string, z.ZodType>;
  /** query parameters, as OpenAPI parameter objects (lists build theirs from their ListResource) */
  query?: object[];
  /** the caller must send an Idempotency-Key header */
  idempotent?: boolean;
  ok: OkDoc | OkDoc[];
  /** error codes beyond the ones every route of its kind can give */
  errors?: ErrorCode[];
  /**
   * The error answers' body when it is not API.md's: a peer calling in its own interface reads
   * its refusals in that interface's shape (the error handler's ErrorShape for the same route).
   */
  errorSchema?: z.ZodType;
}

export const TAGS = {
  auth: 'Signing in and out; the session cookie and its CSRF token.',
  closures: 'Closure requests: the queue, the workflow actions, notes, attachments and exports.',
  customers: 'Customers and their eSIM profiles; revealing a masked field.',
  billing: 'Bills and the balance ledger.',
  refunds: 'Refunds of a closing account’s cash balance, with the approval of large ones.',
  notifications: 'Messages sent to customers (the outbox).',
  audit: 'The hash-chained audit trail: list, export and verification; the Merkle tree’s signed checkpoints and proofs.',
  staff: 'Staff accounts (admins only).',
  settings: 'Business settings.',
  console: 'The console’s own read endpoints: dashboards and the assignee picker.',
  intake: 'Calls from the provider’s other systems, with an API key.',
  peers: 'Calls from the SM-DP+ (ES2+ HandleDownloadProgressInfo) and the network (TMF641 listener), with the peers’ own key.',
  ops: 'Liveness, readiness and this document.',
} as const;

/** Answer schemas that are named components of the document. */
const ANSWERS: Record<string, z.ZodType> = {
  Error: A.ErrorAnswer,
  ClosureRequest: A.ClosureRequestAnswer,
  CustomerStatus: A.CustomerStatusAnswer,
  Presence: A.PresenceAnswer,
  Check: A.CheckAnswer,
  Note: A.NoteAnswer,
  Attachment: A.AttachmentAnswer,
  Customer: A.CustomerAnswer,
  EsimProfile: A.ProfileAnswer,
  Reveal: A.RevealAnswer,
  Bill: A.BillAnswer,
  BalanceEntry: A.BalanceEntryAnswer,
  Refund: A.RefundAnswer,
  Notification: A.NotificationAnswer,
  AuditEvent: A.AuditEventAnswer,
  ChainVerification: A.ChainVerificationAnswer,
  StaffUser: A.StaffUserAnswer,
  Session: A.SessionAnswer,
  OwnSession: A.OwnSessionAnswer,
  TotpSetup: A.TotpSetupAnswer,
  RecoveryCodes: A.RecoveryCodesAnswer,
  Setting: A.SettingAnswer,
  StaffEntry: A.StaffEntryAnswer,
  Dashboard: A.DashboardAnswer,
  Health: A.HealthAnswer,
  Readiness: A.ReadinessAnswer,
};
const NAME_OF = new Map<z.ZodType, string>(Object.entries(ANSWERS).map(([k, v]) => [v, k]));

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is not valid (validation_failed, with details); nothing was changed',
  401: 'Not signed in, or no valid API key (mfa_required: the password was right, send the second factor’s code as otp)',
  403: 'Signed in, but this role may not do it, or the CSRF token is missing or wrong',
  404: 'No such record',
  409: 'A conflict with the record’s state; nothing was changed',
  410: 'The link was used, replaced or has expired',
  413: 'The body is too large',
  415: 'The body’s type or encoding is not one this route reads',
  429: 'Too many requests; wait Retry-After seconds',
  503: 'Not ready',
};

const clean = (s: Record<string, unknown>) => {
  const { $schema: _drop, ...rest } = s;
  return rest;
};
/** JSON Schema 2020-12 of a zod schema, as it reads (input) or as it writes (output). */
export const jsonSchema = (s: z.ZodType, io: 'input' | 'output') =>
  clean(z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>);

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const answerSchema = (s: z.ZodType) => {
  const name = NAME_OF.get(s);
  return name ? ref(name) : jsonSchema(s, 'output');
};

const pascal = (s: string) => s.replace(/(^|[-_ /])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

/** Checks a route's doc at start-up: present, a known tag, an operationId, a 2xx answer. */
export function assertDocDeclared(def: RouteDef): void {
  const d = def.doc as RouteDoc | undefined;
  const where = `Route ${String(def.method).toUpperCase()} ${def.path}`;
  if (!d || typeof d !== 'object') throw new Error(`${where} declares no schema (doc); refusing to start`);
  if (!d.operationId || !/^[a-z][A-Za-z0-9]+$/.test(d.operationId)) throw new Error(`${where} has no operationId; refusing to start`);
  if (!Object.hasOwn(TAGS, d.tag)) throw new Error(`${where} has an unknown tag ${String(d.tag)}; refusing to start`);
  const oks = Array.isArray(d.ok) ? d.ok : [d.ok];
  if (!oks.length || oks.some((o) => !o || o.status < 200 || o.status > 299)) throw new Error(`${where} declares no success answer; refusing to start`);
  if (oks.some((o) => o.status !== 204 && !o.schema && !o.media)) throw new Error(`${where} declares an answer without a schema; refusing to start`);
  if (['post', 'put', 'patch'].includes(def.method) && !d.body) throw new Error(`${where} declares no body schema; refusing to start`);
}

/** The error codes a route can answer, by status: its kind's and its own. */
export function errorCodesOf(def: RouteDef): Map<number, Set<ErrorCode>> {
  const d = def.doc;
  const codes = new Set<ErrorCode>(['validation_failed']);
  if (Array.isArray(def.access)) {
    codes.add('unauthenticated').add('forbidden');
    if (def.method !== 'get') codes.add('csrf_failed');
    // an account whose role needs a second factor and has none, on every route but the ones it enrols with
    if (!def.duringMfaEnrolment) codes.add('mfa_enrolment_required');
  }
  if (def.access === 'intake') codes.add('unauthenticated').add('rate_limited');
  if (/:/.test(def.path)) codes.add('not_found');
  if (d.body) codes.add('payload_too_large').add('unsupported_media_type');
  for (const c of d.errors ?? []) codes.add(c);
  const byStatus = new Map<number, Set<ErrorCode>>();
  for (const c of codes) {
    const s = ERROR_STATUS[c];
    if (!byStatus.has(s)) byStatus.set(s, new Set());
    byStatus.get(s)!.add(c);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

const idParam = (name: string) => ({
  name, in: 'path', required: true, description: 'a record id', schema: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 }, example: 1,
});

const xRequestId = { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' } };
const HEADER_REFS: Record<HeaderName, string> = {
  'Content-Range': 'ContentRange',
  'Retry-After': 'RetryAfter',
  'Idempotent-Replayed': 'IdempotentReplayed',
  'Content-Disposition': 'ContentDisposition',
};

function operation(def: RouteDef) {
  const d = def.doc;
  const pathParams = [...def.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const parameters: object[] = pathParams.map((p) =>
    d.params?.[p] ? { name: p, in: 'path', required: true, schema: jsonSchema(d.params[p]!, 'input') } : idParam(p),
  );
  if (d.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  parameters.push(...(d.query ?? []));

  const responses: Record<string, object> = {};
  for (const ok of Array.isArray(d.ok) ? d.ok : [d.ok]) {
    const headers: Record<string, object> = { ...xRequestId };
    for (const h of ok.headers ?? []) headers[h] = { $ref: `#/components/headers/${HEADER_REFS[h]}` };
    if (d.idempotent) headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
    const content: Record<string, object> = {};
    if (ok.schema) {
      const schema = answerSchema(ok.schema);
      content['application/json'] = { schema: ok.array ? { type: 'array', items: schema } : schema, ...(ok.example !== undefined ? { example: ok.example } : {}) };
    }
    for (const [type, schema] of Object.entries(ok.media ?? {})) content[type] = { schema };
    responses[String(ok.status)] = {
      description: ok.description,
      headers,
      ...(Object.keys(content).length ? { content } : {}),
      ...(ok.links ? { links: ok.links } : {}),
    };
  }
  for (const [status, codes] of errorCodesOf(def)) {
    const list = [...codes];
    responses[String(status)] = {
      description: `${ERROR_TEXT[status] ?? 'Error'}: ${list.join(', ')}`,
      headers: status === 429 ? { ...xRequestId, 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : xRequestId,
      content: {
        'application/json': d.errorSchema
          ? { schema: jsonSchema(d.errorSchema, 'output') }
          : {
            schema: { allOf: [ref('Error'), { type: 'object', properties: { code: { enum: list } } }] },
            example: { message: ERROR_TEXT[status] ?? 'Error', code: list[0] },
          },
      },
    };
  }

  let requestBody: object | undefined;
  if (d.body === 'multipart') {
    requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'a PDF, JPEG or PNG of at most 10 MB' } } },
        },
      },
    };
  } else if (d.body) {
    requestBody = {
      required: !d.bodyOptional,
      content: { 'application/json': { schema: ref(`${pascal(d.operationId)}Body`), ...(d.bodyExample !== undefined ? { example: d.bodyExample } : {}) } },
    };
  }

  const write = def.method !== 'get';
  const security = def.access === 'public' ? [] : def.access === 'intake' ? [{ intakeKey: [] }] : [write ? { session: [], csrf: [] } : { session: [] }];
  const roles = Array.isArray(def.access) ? `Roles: ${def.access.join(', ')}.` : def.access === 'intake' ? 'An intake API key.' : 'No sign-in needed.';
  return {
    operationId: d.operationId,
    summary: d.summary,
    description: [d.description, roles].filter(Boolean).join('\n\n'),
    tags: [d.tag],
    security,
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

export interface OpenApiOptions {
  title?: string;
  description?: string;
  /** keep only the routes under this prefix, and serve it as the server url (the intake slice) */
  prefix?: string;
}

/** The OpenAPI 3.1 document of these routes. */
export function buildOpenApi(defs: RouteDef[], opts: OpenApiOptions = {}) {
  const prefix = opts.prefix ?? '';
  const chosen = prefix ? defs.filter((d) => d.path.startsWith(`${prefix}/`) && !d.path.endsWith('/openapi.json')) : defs;
  const paths: Record<string, Record<string, object>> = {};
  const bodies: Record<string, object> = {};
  const tags = new Set<string>();
  for (const def of chosen) {
    assertDocDeclared(def);
    const p = def.path.slice(prefix.length).replace(/:(\w+)/g, '{$1}') || '/';
    paths[p] ??= {};
    paths[p][def.method] = operation(def);
    tags.add(def.doc.tag);
    if (def.doc.body && def.doc.body !== 'multipart') bodies[`${pascal(def.doc.operationId)}Body`] = jsonSchema(def.doc.body, 'input');
  }
  // only the answers some operation uses, so the document has no unused component
  const text = JSON.stringify(paths);
  const used = Object.entries(ANSWERS).filter(([name]) => text.includes(`"#/components/schemas/${name}"`));
  return {
    openapi: '3.1.0',
    info: {
      title: opts.title ?? 'Closure Desk API',
      version: '1.0.0',
      description: opts.description ?? 'The back-office console’s HTTP contract (docs/API.md): the staff API behind a session cookie and its CSRF token, and the intake API behind an API key. Money is always an integer count of minor units; times are ISO 8601 UTC; days are YYYY-MM-DD.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: `/api${prefix}` }],
    tags: Object.entries(TAGS).filter(([t]) => tags.has(t)).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { ...Object.fromEntries(used.map(([k, v]) => [k, jsonSchema(v, 'output')])), ...bodies },
      parameters: onlyUsed(text, 'parameters', {
        IdempotencyKey: {
          name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 1, maxLength: 255 }, example: '7f1c2d3e-idem-0001',
          description: 'Same key and body: the first answer again (Idempotent-Replayed: true). Same key, other body: 409 idempotency_conflict. Kept at least 24 hours.',
        },
      }),
      headers: onlyUsed(text, 'headers', {
        XRequestId: { description: 'This request’s id, also in the server’s log line', schema: { type: 'string', format: 'uuid' } },
        ContentRange: { description: 'The page and the total, as `<resource> <first>-<last>/<total>` or `<resource> */<total>`', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
        IdempotentReplayed: { description: '`true` when this is the stored answer of an earlier call with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
        ContentDisposition: { description: 'attachment, with the file name', schema: { type: 'string' } },
      }),
      securitySchemes: prefix === '/intake'
        ? { intakeKey: INTAKE_SCHEME }
        : {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /auth/login (HttpOnly, SameSite=Lax)' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The csrfToken of the sign-in answer; required on every write' },
          intakeKey: INTAKE_SCHEME,
        },
    },
  };
}
const onlyUsed = (text: string, kind: string, all: Record<string, object>) =>
  Object.fromEntries(Object.entries(all).filter(([name]) => text.includes(`"#/components/${kind}/${name}"`)));
const INTAKE_SCHEME = { type: 'http', scheme: 'bearer', description: 'A key from INTAKE_API_KEYS' };

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

// ---- list resources: sort, range and filter as JSON query parameters ----

const INT32 = { type: 'integer', minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };
function filterValueSchema(t: FilterType): Record<string, unknown> {
  switch (t.kind) {
    case 'int': return INT32;
    case 'money': return { type: 'integer', description: 'integer minor units' };
    case 'string': return { type: 'string', maxLength: 200 };
    case 'enum': return { type: 'string', enum: [...t.values] };
    case 'bool': return { type: 'boolean' };
    case 'date': return { type: 'string', format: 'date' };
    case 'datetime': return { type: 'string', format: 'date-time' };
  }
}

/** The `filter` parameter's JSON Schema: each allowed field (with `_gte`/`_lte` where it has a range), `id` and `q`. */
export function filterSchema(spec: ListResource) {
  const properties: Record<string, object> = {
    id: { oneOf: [INT32, { type: 'array', items: INT32, minItems: 1, maxItems: 500 }] },
  };
  if (spec.searchSql) properties.q = { type: 'string', maxLength: 200, description: 'free-text search' };
  for (const [field, def] of Object.entries(spec.filters)) {
    const one = filterValueSchema(def.type);
    properties[field] = def.type.kind === 'bool' || def.type.kind === 'datetime' && def.range ? one : { oneOf: [one, { type: 'array', items: one, minItems: 1, maxItems: 100 }] };
    if (def.range) {
      properties[`${field}_gte`] = one;
      properties[`${field}_lte`] = one;
    }
  }
  return { type: 'object', additionalProperties: false, properties };
}

const jsonQuery = (name: string, schema: object, description: string, example: unknown) => ({
  name, in: 'query', required: false, description, content: { 'application/json': { schema, example } },
});

export function listQueryParameters(spec: ListResource): object[] {
  const sorts = Object.keys(spec.sorts);
  return [
    jsonQuery('sort', {
      type: 'array', prefixItems: [{ type: 'string', enum: sorts }, { type: 'string', enum: ['ASC', 'DESC', 'asc', 'desc'] }], minItems: 2, maxItems: 2, items: false,
    }, `["field","ASC"|"DESC"]; default ${JSON.stringify(spec.defaultSort)}`, spec.defaultSort),
    jsonQuery('range', {
      type: 'array', prefixItems: [{ type: 'integer', minimum: 0 }, { type: 'integer', minimum: 0 }], minItems: 2, maxItems: 2, items: false,
    }, '[first, last], both included, at most 500 rows; default [0, 24]', [0, 24]),
    jsonQuery('filter', filterSchema(spec), 'The fields to filter by; an array of values is any of them', {}),
  ];
}

/** The media types of an export: CSV with a header row, or one JSON object a line. */
export const EXPORT_MEDIA = { 'text/csv': { type: 'string' }, 'application/x-ndjson': { type: 'string' } };

export function exportQueryParameters(spec: ListResource): object[] {
  return [
    { name: 'format', in: 'query', required: true, schema: { type: 'string', enum: ['csv', 'jsonl'] }, example: 'csv' },
    jsonQuery('filter', filterSchema(spec), 'The list’s filters', {}),
  ];
}

export const singular = (name: string) => pascal(name.replace(/ies$/, 'y').replace(/s$/, ''));
export const pascalCase = pascal;

/** Answer schemas by component name (for tests and the fuzzer). */
export const ANSWER_SCHEMAS = ANSWERS;
