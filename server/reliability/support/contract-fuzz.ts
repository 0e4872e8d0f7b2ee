import fc from 'fast-check';

/**
 * Contract-driven cases: for each operation of the OpenAPI document, a valid request generated
 * from its schemas (fast-check arbitraries derived here from the JSON Schemas), then mutated:
 * types, bounds, formats, prototype-named keys anywhere in bodies and in filter/sort, deep
 * nesting, huge and tiny numbers, odd encodings and content types, bad Content-Encoding. The
 * cases come from the document, not from a list of cases someone thought of.
 */

type Json = Record<string, any>;

export interface Operation {
  method: string;
  /** the document's path template, under /api */
  template: string;
  op: Json;
}

export interface ContractCase {
  operationId: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: Buffer | string | undefined;
  /** which mutation, for the report */
  mutation: string;
}

/** Values the right caller's valid request uses for path parameters, by parameter name and path. */
export interface Fixtures {
  idFor(template: string, param: string): number[];
  reference: string;
}

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__'];

export function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(methods)) out.push({ method: method.toUpperCase(), template, op });
  }
  return out;
}

function resolve(doc: Json, schema: Json | undefined): Json {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) {
    const path = String(s.$ref).replace(/^#\//, '').split('/');
    s = path.reduce((node: Json, key) => node?.[key], doc) ?? {};
  }
  return s;
}

// ---- valid values from a JSON Schema ----

const dayArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instantArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

/** An arbitrary of values that the schema accepts (as far as a small derivation can tell). */
export function arbitraryOf(doc: Json, schema: Json | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if (Array.isArray(s.allOf) && s.allOf.length) return arbitraryOf(doc, { ...s.allOf.reduce((a: Json, b: Json) => ({ ...a, ...resolve(doc, b) }), {}), allOf: undefined }, depth);
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => arbitraryOf(doc, a, depth + 1)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'date') return dayArb;
      if (s.format === 'date-time') return instantArb;
      if (s.format === 'email') return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254));
      if (s.format === 'uuid') return fc.uuid();
      if (s.pattern === '^[0-9a-f]{64}$') return fc.stringMatching(/^[0-9a-f]{64}$/);
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
      return fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }).map((t) => (t.trim() ? t : `x${t}`)).filter((t) => t.trim().length >= min && t.length <= (s.maxLength ?? Infinity));
    }
    case 'integer': {
      const min = Math.max(s.minimum ?? -1000, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -Infinity, -(2 ** 31));
      const max = Math.min(s.maximum ?? 100_000, s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Infinity, 2 ** 31 - 1);
      return fc.integer({ min: Math.min(min, max), max: Math.max(min, max) });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (Array.isArray(s.prefixItems)) return fc.tuple(...(s.prefixItems as Json[]).map((p) => arbitraryOf(doc, p, depth + 1)));
      return fc.array(arbitraryOf(doc, s.items, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    }
    case 'object':
    default: {
      const props = (s.properties ?? {}) as Record<string, Json>;
      if (!Object.keys(props).length) return type === 'object' ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 });
      const required = new Set<string>(s.required ?? []);
      const entries = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryOf(doc, v, depth + 1)]));
      return fc.record(entries, { requiredKeys: [...required].filter((k) => k in props) });
    }
  }
}

// ---- mutations ----

/** A value of another type than the one at hand. */
const otherType = (v: unknown): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(...([
    typeof v === 'string' ? 12345 : 'text', typeof v === 'number' ? '1' : 1, typeof v === 'boolean' ? 'true' : true,
    null, [], {}, [v], { value: v },
  ] as unknown[]).filter((x) => JSON.stringify(x) !== JSON.stringify(v)));

export const HUGE_AND_TINY = [1e308, -1e308, 5e-324, -5e-324, 2 ** 53 + 2, -(2 ** 53 + 2), 2 ** 31, -(2 ** 31) - 1, 1e21, 0.1, -0, 1.5];

/** Dates and times the databases may not store: year 0000, past 9999 with an offset, out of the Date range. */
export const BAD_DATES = [
  '0000-01-01', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '9999-12-31T20:00:00-05:00', '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z', '2026-02-30', '2026-13-01', '2026-11-22T25:00:00Z', '10000-01-01', '1899-12-31', '0001-01-01T00:00:00+14:00',
];

/** Text that changes length when normalised or lower-cased, or that a driver reads as syntax. */
export const AWKWARD_TEXT = ['İ'.repeat(254), `${'İ'.repeat(244)}@demo.test`, '$9', '$1', '$1$2', '?', ':id', '%', '_', "'", '\\', 'ß'.repeat(200), 'ﬃ'.repeat(90)];

type PathKey = (string | number)[];

function leaves(value: unknown, path: PathKey = [], out: { path: PathKey; value: unknown }[] = []) {
  if (value && typeof value === 'object') {
    if (!Array.isArray(value) && path.length) out.push({ path, value });
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  } else out.push({ path, value });
  return out;
}
function objects(value: unknown, path: PathKey = [], out: PathKey[] = []) {
  if (value && typeof value === 'object') {
    if (!Array.isArray(value)) out.push(path);
    for (const [k, v] of Object.entries(value)) objects(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}
function setAt(root: unknown, path: PathKey, next: unknown): unknown {
  if (!path.length) return next;
  const copy = structuredClone(root) as Json;
  let node: Json = copy;
  for (const k of path.slice(0, -1)) node = node[k as string];
  node[path[path.length - 1] as string] = next;
  return copy;
}

/** JSON text with an own `key` member in the object at `path` (JSON.parse makes `__proto__` an own key; object spread would not). */
function withKeyAt(root: unknown, path: PathKey, key: string, value: unknown): string {
  const marker = `__insert_${Math.random().toString(36).slice(2)}__`;
  const withMarker = setAt(root, [...path, marker], value);
  return JSON.stringify(withMarker).replace(JSON.stringify(marker), JSON.stringify(key));
}

const deep = (n: number, kind: 'array' | 'object') => (kind === 'array' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);

export interface BodyMutation { text: string; mutation: string }

/** A valid body and its mutations, as JSON text. */
export function mutatedBody(valid: unknown): fc.Arbitrary<BodyMutation> {
  const spots = leaves(valid);
  const objs = objects(valid);
  const keep = (mutation: string) => (text: string): BodyMutation => ({ text, mutation });
  const options: { weight: number; arbitrary: fc.Arbitrary<BodyMutation> }[] = [
    { weight: 4, arbitrary: fc.constant({ text: JSON.stringify(valid), mutation: 'valid' }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...objs), fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom<unknown>(1, 'x', {}, { isAdmin: true }, null, [])).map(([p, k, v]) => keep(`prototype key ${k}`)(withKeyAt(valid, p, k, v))) },
    { weight: 1, arbitrary: fc.constantFrom(2_000, 5_000, 20_000).chain((n) => fc.constantFrom<'array' | 'object'>('array', 'object').map((kind) => keep(`nested ${n} deep (${kind})`)(deep(n, kind)))) },
    { weight: 1, arbitrary: fc.constantFrom('null', '[]', '""', '42', 'true', '{', '{"a":1,"a":2}', '\uFEFF{}', '{"a":1e999}', '{"a":01}').map(keep('raw JSON oddity')) },
  ];
  if (objs.length) {
    options.push({
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...objs), fc.constantFrom(1_000, 5_000)).map(([p, n]) => keep(`a field nested ${n} deep`)(JSON.stringify(setAt(valid, [...p, 'nested'], 0)).replace('"nested":0', `"nested":${deep(n, 'array')}`))),
    });
  }
  if (spots.length) {
    const spot = fc.constantFrom(...spots);
    options.push(
      { weight: 3, arbitrary: spot.chain((s) => otherType(s.value).map((v) => keep(`type of ${s.path.join('.')}`)(JSON.stringify(setAt(valid, s.path, v))))) },
      { weight: 2, arbitrary: fc.tuple(spot, fc.constantFrom(...HUGE_AND_TINY)).map(([s, n]) => keep(`number ${n} at ${s.path.join('.')}`)(JSON.stringify(setAt(valid, s.path, n)))) },
      { weight: 2, arbitrary: fc.tuple(spot, fc.constantFrom(...BAD_DATES)).map(([s, d]) => keep(`date ${d} at ${s.path.join('.')}`)(JSON.stringify(setAt(valid, s.path, d)))) },
      { weight: 2, arbitrary: fc.tuple(spot, fc.constantFrom(...AWKWARD_TEXT, '', ' ', 'x'.repeat(5_000), '\u0000', '\uD800')).map(([s, t]) => keep(`text ${t.slice(0, 12)}… at ${s.path.join('.')}`)(JSON.stringify(setAt(valid, s.path, t)))) },
      { weight: 1, arbitrary: spot.map((s) => keep(`bound: ${s.path.join('.')} stretched`)(JSON.stringify(setAt(valid, s.path, typeof s.value === 'string' ? s.value.repeat(300) : typeof s.value === 'number' ? s.value * 1e12 + 1 : s.value)))) },
      { weight: 1, arbitrary: spot.map((s) => keep(`missing ${s.path.join('.')}`)(JSON.stringify(dropAt(valid, s.path)))) },
    );
  }
  return fc.oneof(...options);
}

function dropAt(root: unknown, path: PathKey): unknown {
  if (!path.length) return {};
  const copy = structuredClone(root) as Json;
  let node: Json = copy;
  for (const k of path.slice(0, -1)) node = node[k as string];
  if (Array.isArray(node)) node.splice(Number(path[path.length - 1]), 1);
  else delete node[path[path.length - 1] as string];
  return copy;
}

/** How the body goes on the wire: mostly plain JSON; sometimes another content type, charset or a Content-Encoding it does not have. */
export interface Wire { contentType: string | null; encoding: string | null; transform: 'none' | 'utf16' | 'bom' | 'latin1'; mutation: string }
export const wireArb: fc.Arbitrary<Wire> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Wire>({ contentType: 'application/json', encoding: null, transform: 'none', mutation: '' }) },
  { weight: 2, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip', 'compress', 'identity', 'gzip, deflate', 'GZIP', 'zstd').map((e): Wire => ({ contentType: 'application/json', encoding: e, transform: 'none', mutation: `Content-Encoding ${e}, not compressed` })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/merge-patch+json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=koi8-r', 'APPLICATION/JSON', 'application/vnd.api+json', '')
      .map((t): Wire => ({ contentType: t || null, encoding: null, transform: 'none', mutation: `Content-Type ${t || '(none)'}` })),
  },
  { weight: 1, arbitrary: fc.constantFrom<Wire['transform']>('utf16', 'bom', 'latin1').map((t): Wire => ({ contentType: t === 'utf16' ? 'application/json; charset=utf-16le' : 'application/json', encoding: null, transform: t, mutation: `body as ${t}` })) },
);

export function encodeBody(text: string, wire: Wire): Buffer {
  if (wire.transform === 'utf16') return Buffer.from(text, 'utf16le');
  if (wire.transform === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  if (wire.transform === 'latin1') return Buffer.from(text, 'latin1');
  return Buffer.from(text);
}

// ---- query strings ----

function jsonParam(op: Json, name: string): Json | undefined {
  const p = (op.parameters ?? []).find((x: Json) => x.name === name && x.in === 'query');
  return p?.content?.['application/json']?.schema ?? p?.schema;
}

/** A valid query for a list or export operation, then mutated (prototype keys in filter and sort, bad dates, awkward search text, types). */
export function queryArb(doc: Json, op: Json): fc.Arbitrary<{ query: string; mutation: string }> {
  const params = (op.parameters ?? []).filter((p: Json) => p.in === 'query') as Json[];
  if (!params.length) return fc.constantFrom({ query: '', mutation: '' }, { query: '', mutation: '' }, { query: '?__proto__=1', mutation: 'query key __proto__' });
  const filterSchema = jsonParam(op, 'filter');
  const fields = Object.keys(filterSchema?.properties ?? {});
  const sortSchema = jsonParam(op, 'sort');
  const sortFields = (sortSchema?.prefixItems?.[0]?.enum ?? []) as string[];
  const format = params.find((p) => p.name === 'format');
  const encode = (entries: [string, unknown][]) => `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&')}`;
  const base = fc.record({
    format: format ? fc.constantFrom(...(format.schema.enum as string[])) : fc.constant(undefined),
    filter: filterSchema ? arbitraryOf(doc, { ...filterSchema, required: [] }).map((f) => pickSome(f as Json)) : fc.constant(undefined),
    sort: sortFields.length ? fc.tuple(fc.constantFrom(...sortFields), fc.constantFrom('ASC', 'DESC')) : fc.constant(undefined),
    range: params.some((p) => p.name === 'range') ? fc.integer({ min: 0, max: 40 }).chain((a) => fc.integer({ min: a, max: a + 30 }).map((b) => [a, b])) : fc.constant(undefined),
  });
  const build = (q: Json) => Object.entries(q).filter(([, v]) => v !== undefined) as [string, unknown][];
  const mutations: { weight: number; arbitrary: fc.Arbitrary<{ query: string; mutation: string }> }[] = [
    { weight: 4, arbitrary: base.map((q) => ({ query: encode(build(q)), mutation: 'valid' })) },
  ];
  if (filterSchema) {
    mutations.push(
      { weight: 2, arbitrary: fc.tuple(base, fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom<unknown>(1, 'x', true, [1], {})).map(([q, k, v]) => ({ query: encode(build({ ...q, filter: `{${JSON.stringify(k)}:${JSON.stringify(v)}}` })), mutation: `filter key ${k}` })) },
      { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...PROTOTYPE_KEYS)).map(([q, k]) => ({ query: encode(build({ ...q, filter: `{"${fields[0] ?? 'id'}_gte":1,${JSON.stringify(`${k}_gte`)}:1}` })), mutation: `filter range key ${k}_gte` })) },
    );
    const dateFields = fields.filter((f) => /date-time|date/.test(JSON.stringify(filterSchema.properties[f])));
    if (dateFields.length) mutations.push({ weight: 2, arbitrary: fc.tuple(base, fc.constantFrom(...dateFields), fc.constantFrom(...BAD_DATES)).map(([q, f, d]) => ({ query: encode(build({ ...q, filter: { [f]: d } })), mutation: `filter ${f} ${d}` })) });
    if (fields.includes('q')) mutations.push({ weight: 2, arbitrary: fc.tuple(base, fc.constantFrom(...AWKWARD_TEXT.map((t) => t.slice(0, 200)), '$1 $2', '$99', '$9x', '?1', '\\', '%_%')).map(([q, t]) => ({ query: encode(build({ ...q, filter: { q: t } })), mutation: `search ${t.slice(0, 10)}` })) });
    if (fields.length) {
      // (600 deep: deeper does not fit in the 16 KB of request line and headers Node reads, and is a 431 before our code)
      mutations.push(
        { weight: 2, arbitrary: fc.tuple(base, fc.constantFrom(...fields), fc.constantFrom<unknown>(...HUGE_AND_TINY, 'x', true, null, [], {}, [[1]], { $gt: '' }, 'x'.repeat(201))).map(([q, f, v]) => ({ query: encode(build({ ...q, filter: { [f]: v } })), mutation: `filter ${f} ${JSON.stringify(v).slice(0, 20)}` })) },
        { weight: 1, arbitrary: base.map((q) => ({ query: encode(build({ ...q, filter: `${'{"id":'.repeat(600)}1${'}'.repeat(600)}` })), mutation: 'filter nested 600 deep' })) },
      );
    }
  }
  if (sortSchema) {
    mutations.push(
      { weight: 2, arbitrary: fc.tuple(base, fc.constantFrom(...PROTOTYPE_KEYS)).map(([q, k]) => ({ query: encode(build({ ...q, sort: [k, 'ASC'] })), mutation: `sort by ${k}` })) },
      { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom<unknown>([1e308, Infinity], [-1, 5], [5, 0], [0, 1e9], [0.5, 2], [0, 500], '0-24', [null, 1])).map(([q, r]) => ({ query: encode(build({ ...q, range: r })), mutation: `range ${JSON.stringify(r)}` })) },
    );
  }
  return fc.oneof(...mutations);
}

function pickSome(f: Json): Json | undefined {
  const keys = Object.keys(f ?? {});
  if (!keys.length) return undefined;
  return Object.fromEntries(keys.slice(0, 2).map((k) => [k, f[k]]));
}

/** A request for an operation: its path filled from the fixtures (or generated from the parameter's schema), query, body and wire form. */
export function caseArb(doc: Json, operation: Operation, fixtures: Fixtures): fc.Arbitrary<ContractCase> {
  const { op } = operation;
  const pathParams = ((op.parameters ?? []) as Json[]).map((p) => resolve(doc, p)).filter((p) => p.in === 'path');
  const segments = pathParams.map((p) => {
    const schema = p.schema ?? {};
    if (schema.type === 'integer') {
      const known = fixtures.idFor(operation.template, p.name);
      return fc.oneof({ weight: 5, arbitrary: known.length ? fc.constantFrom(...known) : arbitraryOf(doc, schema) }, { weight: 1, arbitrary: arbitraryOf(doc, schema) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 31, 1.5) }).map(String);
    }
    if (p.name === 'reference') return fc.oneof({ weight: 4, arbitrary: fc.constant(fixtures.reference) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, '$9', 'İ'.repeat(100)) }).map(encodeURIComponent);
    return fc.oneof({ weight: 4, arbitrary: arbitraryOf(doc, schema) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) }).map((v) => encodeURIComponent(String(v)));
  });
  const idempotent = ((op.parameters ?? []) as Json[]).some((p) => p.$ref === '#/components/parameters/IdempotencyKey');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const multipart = Boolean(op.requestBody?.content?.['multipart/form-data']);
  const body: fc.Arbitrary<{ text: string | undefined; wire: Wire; mutation: string }> = bodySchema
    ? fc.tuple(arbitraryOf(doc, bodySchema).chain(mutatedBody), wireArb).map(([b, wire]) => ({ text: b.text, wire, mutation: [b.mutation, wire.mutation].filter(Boolean).join('; ') }))
    : multipart
      ? fc.constantFrom<{ text: string | undefined; wire: Wire; mutation: string }>(
        { text: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 x\r\n--x--\r\n', wire: { contentType: 'multipart/form-data; boundary=x', encoding: null, transform: 'none', mutation: '' }, mutation: 'valid multipart' },
        { text: '--x\r\nContent-Disposition: form-data; name="__proto__"; filename="a.pdf"\r\n\r\n%PDF\r\n--x--\r\n', wire: { contentType: 'multipart/form-data; boundary=x', encoding: null, transform: 'none', mutation: '' }, mutation: 'multipart field __proto__' },
        { text: 'not multipart', wire: { contentType: 'multipart/form-data; boundary=x', encoding: 'gzip', transform: 'none', mutation: '' }, mutation: 'multipart, Content-Encoding gzip' },
        { text: '{}', wire: { contentType: 'application/json', encoding: null, transform: 'none', mutation: '' }, mutation: 'JSON to an upload' },
      )
      : fc.constant({ text: undefined, wire: { contentType: null, encoding: null, transform: 'none', mutation: '' } as Wire, mutation: '' });
  return fc.record({ segments: fc.tuple(...segments), query: queryArb(doc, op), body, key: fc.uuid() }).map(({ segments: seg, query, body: b, key }) => {
    let i = 0;
    const path = `/api${operation.template.replace(/\{\w+\}/g, () => seg[i++] as string)}`;
    const headers: Record<string, string> = {};
    if (b.text !== undefined && b.wire.contentType) headers['content-type'] = b.wire.contentType;
    if (b.wire.encoding) headers['content-encoding'] = b.wire.encoding;
    if (idempotent) headers['idempotency-key'] = key;
    return {
      operationId: op.operationId as string,
      method: operation.method,
      path,
      query: query.query,
      headers,
      body: b.text === undefined ? undefined : encodeBody(b.text, b.wire),
      mutation: [query.mutation !== 'valid' ? query.mutation : '', b.mutation].filter(Boolean).join('; ') || 'valid',
    };
  });
}

/**
 * The mutations every operation gets once each, swept rather than sampled, so the classes of issue
 * 13 are tried on every operation they can reach whatever the seed: each Content-Encoding on a body
 * that does not have it, a body nested 5,000 deep, each prototype-named key as a filter field, a
 * range field and a sort field, each bad date in each date filter, each awkward text as the search
 * and in each string field of the body (`İ`×254 as a sign-in e-mail, `$9` as a search).
 */
export function sweepCases(doc: Json, operation: Operation, fixtures: Fixtures, seed: number): ContractCase[] {
  // the first valid case of a fixed sample (not .filter: an operation whose valid case is rare would loop)
  const valid = fc.sample(caseArb(doc, operation, fixtures), { numRuns: 200, seed }).find((c) => c.mutation === 'valid');
  if (!valid) return [];
  const out: ContractCase[] = [];
  const add = (mutation: string, change: Partial<ContractCase>) => out.push({ ...valid, ...change, headers: { ...valid.headers, ...change.headers }, mutation });
  const { op } = operation;
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  if (bodySchema && valid.body !== undefined) {
    const text = valid.body.toString();
    for (const e of ['gzip', 'deflate', 'br']) add(`Content-Encoding ${e}, not compressed (sweep)`, { headers: { 'content-encoding': e } });
    add('nested 5000 deep (sweep)', { body: Buffer.from(deep(5_000, 'array')) });
    add('a field nested 5000 deep (sweep)', { body: Buffer.from(text.startsWith('{') && text !== '{}' ? `{"nested":${deep(5_000, 'object')},${text.slice(1)}` : `{"nested":${deep(5_000, 'object')}}`) });
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [field, value] of Object.entries(parsed)) {
        if (typeof value !== 'string') continue;
        for (const t of ['İ'.repeat(254), '$9', `${'İ'.repeat(244)}@demo.test`]) add(`text ${t.slice(0, 6)}… in ${field} (sweep)`, { body: Buffer.from(JSON.stringify({ ...parsed, [field]: t })) });
      }
      for (const k of PROTOTYPE_KEYS.slice(0, 5)) add(`prototype key ${k} in the body (sweep)`, { body: Buffer.from(withKeyAt(parsed, [], k, { isAdmin: true })) });
    }
  }
  const filterSchema = jsonParam(op, 'filter');
  if (filterSchema) {
    const fields = Object.keys(filterSchema.properties ?? {});
    const prefix = op.parameters.some((p: Json) => p.name === 'format') ? 'format=csv&' : '';
    const q = (entries: Record<string, unknown>) => `?${prefix}${Object.entries(entries).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&')}`;
    for (const k of PROTOTYPE_KEYS) {
      add(`filter key ${k} (sweep)`, { query: q({ filter: `{${JSON.stringify(k)}:1}` }) });
      add(`filter key ${k}_gte (sweep)`, { query: q({ filter: `{${JSON.stringify(`${k}_gte`)}:1}` }) });
      if (jsonParam(op, 'sort')) add(`sort by ${k} (sweep)`, { query: q({ sort: [k, 'ASC'] }) });
    }
    for (const f of fields.filter((x) => /"format":"date(-time)?"/.test(JSON.stringify(filterSchema.properties[x])))) {
      for (const d of BAD_DATES) add(`filter ${f} ${d} (sweep)`, { query: q({ filter: { [f]: d } }) });
    }
    if (fields.includes('q')) for (const t of [...AWKWARD_TEXT, '$1 $2', '$99']) add(`search ${t.slice(0, 8)} (sweep)`, { query: q({ filter: { q: t.slice(0, 200) } }) });
  }
  return out;
}
