import { z } from 'zod';
import { BillPaymentBody } from '../billing/apply-payment';
import { ProfileEventBody } from '../customers/apply-profile-event';
import { BillAnswer, ClosureRequestAnswer, ErrorAnswer, IntakeClosureBody, IntakeWithdrawBody, ProfileAnswer } from './schemas';

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c], content: json('Error') }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'validation_failed: a bad body or a missing Idempotency-Key',
  401: 'unauthenticated: missing or unknown API key',
  404: 'not_found',
  409: 'a business conflict (see code) or idempotency_conflict',
  413: 'body too large',
  429: 'rate_limited',
};
const idempotencyKey = {
  name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 1, maxLength: 255 },
  description: 'Same key and body: the first answer again. Same key, other body: 409 idempotency_conflict. Kept at least 24 hours.',
};

const post = (summary: string, body: string, answer: string, created: boolean, extra: object = {}) => ({
  post: {
    summary,
    security: [{ apiKey: [] }],
    parameters: [idempotencyKey],
    requestBody: { required: true, content: json(body) },
    responses: { [created ? '201' : '200']: { description: 'done', content: json(answer) }, ...errors(400, 401, 404, 409, 413, 429) },
    ...extra,
  },
});

/** The OpenAPI 3.1 document of the intake API, generated from the same zod schemas the server validates with. */
export function intakeOpenApi() {
  return {
    openapi: '3.1.0',
    info: { title: 'Closure Desk intake API', version: '1.0.0', description: 'How the provider\'s other systems report closure requests, withdrawals, bill payments and eSIM profile events.' },
    servers: [{ url: '/api/intake' }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A key from INTAKE_API_KEYS' } },
      schemas: {
        IntakeClosureRequest: schema(IntakeClosureBody, 'input'),
        IntakeWithdraw: schema(IntakeWithdrawBody, 'input'),
        BillPayment: schema(BillPaymentBody, 'input'),
        ProfileEvent: schema(ProfileEventBody, 'input'),
        ClosureRequest: schema(ClosureRequestAnswer, 'output'),
        Bill: schema(BillAnswer, 'output'),
        EsimProfile: schema(ProfileAnswer, 'output'),
        Error: schema(ErrorAnswer, 'output'),
      },
    },
    paths: {
      '/closure-requests': post('A customer asks to close the account in the app', 'IntakeClosureRequest', 'ClosureRequest', true),
      '/closure-requests/{reference}/withdraw': post('The customer withdraws the request in the app', 'IntakeWithdraw', 'ClosureRequest', false, {
        parameters: [idempotencyKey, { name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
      }),
      '/bill-payments': post('The billing system reports a payment', 'BillPayment', 'Bill', false),
      '/profile-events': post('The eSIM platform reports a profile deleted or installed', 'ProfileEvent', 'EsimProfile', false),
    },
  };
}
