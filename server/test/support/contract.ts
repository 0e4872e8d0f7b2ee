/**
 * Every answer an API test gets is judged against the OpenAPI document by an outside validator
 * (ajv, JSON Schema 2020-12, with ajv-formats): the status must be one the operation lists, the
 * media type one it lists for that status, and a JSON body must match its schema. The document
 * is the one GET /api/openapi.json serves, built from the same route table.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { documentsWithoutDatabase } from '../../src/cli/openapi-dump';

type Json = Record<string, any>;
interface Operation { method: string; template: string; pattern: RegExp; literal: number; op: Json }

let state: { doc: Json; ops: Operation[]; ajv: Ajv2020; cache: Map<string, ValidateFunction> } | undefined;

function load() {
  if (state) return state;
  const doc = documentsWithoutDatabase().api as Json;
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths as Record<string, Json>)) {
    const pattern = new RegExp(`^/api${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
    const literal = template.split('/').filter((s) => s && !s.startsWith('{')).length;
    for (const [method, op] of Object.entries(methods)) ops.push({ method: method.toUpperCase(), template, pattern, literal, op });
  }
  // a literal segment wins over a parameter, as in the route table (`/closure-requests/export` before `/{id}`)
  ops.sort((a, b) => b.literal - a.literal);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  state = { doc, ops, ajv, cache: new Map() };
  return state;
}

export function contractDocument(): Json {
  return load().doc;
}

/** The operation a request reaches, or undefined for a path the API does not have. */
export function findOperation(method: string, path: string): Operation | undefined {
  const bare = decodeURI(path.split('?')[0]!.split('#')[0]!);
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const candidates = load().ops.filter((o) => o.pattern.test(bare) || o.pattern.test(path.split('?')[0]!));
  return candidates.find((o) => o.method === m) ?? (candidates.length ? { ...candidates[0]!, method: '*' } : undefined);
}

function validator(key: string, schema: Json): ValidateFunction {
  const s = load();
  let v = s.cache.get(key);
  if (!v) {
    v = s.ajv.compile({ ...schema, components: s.doc.components });
    s.cache.set(key, v);
  }
  return v;
}

export interface Answer { status: number; contentType: string | null; body: unknown }

/**
 * What is wrong with this answer to this request, per the document; an empty list when it conforms.
 * A path the API does not have must be a 404, and a method a path does not have a 405, both in the error shape.
 */
export function contractProblems(method: string, path: string, answer: Answer): string[] {
  const where = `${method} ${path.split('?')[0]} → ${answer.status}`;
  const s = load();
  const found = findOperation(method, path);
  if (!found || found.method === '*') {
    const expected = found ? 405 : 404;
    if (answer.status !== expected && !(answer.status === 400 && /%/.test(path))) return [`${where}: not an operation of the document, so ${expected} was expected`];
    const v = validator('#Error', { $ref: '#/components/schemas/Error' });
    return v(answer.body) ? [] : [`${where}: not the error shape: ${s.ajv.errorsText(v.errors)}`];
  }
  const responses = found.op.responses as Record<string, Json>;
  const described = responses[String(answer.status)];
  if (!described) return [`${where}: status ${answer.status} is not listed for ${found.op.operationId} (lists ${Object.keys(responses).join(', ')})`];
  const content = described.content as Record<string, Json> | undefined;
  if (!content) {
    return answer.body === null || answer.body === '' || answer.body === '(not read)' ? [] : [`${where}: ${found.op.operationId} answers ${answer.status} without a body, got one`];
  }
  const type = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const media = content[type];
  if (!media) return [`${where}: media type ${type || '(none)'} is not listed for ${found.op.operationId} ${answer.status} (lists ${Object.keys(content).join(', ')})`];
  if (type !== 'application/json') return [];
  const v = validator(`${found.op.operationId} ${answer.status}`, media.schema);
  return v(answer.body) ? [] : [`${where}: the body does not match ${found.op.operationId}'s ${answer.status} schema: ${s.ajv.errorsText(v.errors)}; body ${JSON.stringify(answer.body).slice(0, 400)}`];
}

/** Throws when the answer does not conform: the test that made the request fails there. */
export function assertConforms(method: string, path: string, answer: Answer): void {
  const problems = contractProblems(method, path, answer);
  if (problems.length) throw new Error(`The answer breaks the OpenAPI contract:\n${problems.join('\n')}`);
}

/** fetch as it was before checkContractOfEveryFetch() wrapped it (the API client checks its own answers). */
export const rawFetch: typeof fetch = globalThis.fetch.bind(globalThis);

/**
 * Wraps the global fetch so that the answers of the tests' own raw calls (uploads, downloads,
 * exports) to the API are judged too: status and media type always, a JSON body against its schema.
 * A streamed body other than JSON is not read here, so an export of 200,000 rows is read once.
 */
export function checkContractOfEveryFetch(): void {
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const res = await rawFetch(input, init);
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    // /api/docs is the reference page (HTML and scripts), not an operation of the API
    if (!url.pathname.startsWith('/api/') || /^\/api\/docs(\/|$)/.test(url.pathname)) return res;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const contentType = res.headers.get('content-type');
    const json = /json/.test(contentType ?? '') && !/ndjson/.test(contentType ?? '');
    let body: unknown;
    if (json) {
      const text = await res.clone().text();
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
    } else if (res.status === 204) body = null;
    else body = '(not read)';
    const problems = contractProblems(method, `${url.pathname}${url.search}`, { status: res.status, contentType, body });
    if (problems.length) throw new Error(`The answer breaks the OpenAPI contract:\n${problems.join('\n')}`);
    return res;
  };
}
