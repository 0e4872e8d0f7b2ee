/** What other parts of the server may use from intake: the only file they import. */
export { idempotencyScope, idempotent, readIdempotencyKey } from './idempotency';
export { intakeOpenApi } from './openapi';
export { intakeRoutes } from './routes';
