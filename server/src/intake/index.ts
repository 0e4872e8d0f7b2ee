/** What other parts of the server may use from intake: the only file they import. */
export { intakeOpenApi } from './openapi';
export { intakeRoutes } from './routes';
