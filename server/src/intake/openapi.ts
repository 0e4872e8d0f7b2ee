import { buildOpenApi } from '../platform/http/openapi';
import type { RouteDef } from '../platform/http/routes';

/**
 * The OpenAPI 3.1 document of the intake API: the intake slice of the whole API's document
 * (GET /api/openapi.json), generated from the same route table and zod schemas.
 */
export function intakeOpenApi(routes: RouteDef[]) {
  return buildOpenApi(routes, {
    prefix: '/intake',
    title: 'Closure Desk intake API',
    description: 'How the provider\'s other systems report closure requests, withdrawals, bill payments and eSIM profile events.',
  });
}
