import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { loadDashboard } from './dashboard';
import { listAssignableStaff } from './repository';

/** The console's own read endpoints: the role dashboards and the assignee picker. */
export function consoleRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/dashboard', access: ALL_STAFF,
      handler: (req) => loadDashboard(ctx, req.ctx.actor!),
    },
    {
      // Who work can be assigned to; staff-users (e-mails, sign-ins) stays for admins.
      method: 'get', path: '/staff-directory', access: ['agent', 'supervisor'],
      handler: () => listAssignableStaff(ctx),
    },
  ];
}
