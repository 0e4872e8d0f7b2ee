/** What other parts of the server may use from ops: the only file they import. */
export { backupSqlite } from './backup';
export { markDraining, readinessRoute } from './readiness';
export { drainHttpServer } from './shutdown';
