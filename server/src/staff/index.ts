/** What other parts of the server may use from staff: the only file they import. */
export { createStaff } from './manage-staff';
export { mfaRoutes } from './mfa-routes';
export { hasAnyStaff } from './repository';
export { staffUserResource } from './resources';
export { authRoutes } from './routes';
export { sessionPurgeJob } from './session-purge-job';
