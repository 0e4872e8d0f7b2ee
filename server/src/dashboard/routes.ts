import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { DashboardAnswer, StaffEntryAnswer } from '@closure-desk/shared';
import { loadDashboard } from './dashboard';
import { listAssignableStaff } from './repository';

/** The console's own read endpoints: the role dashboards and the assignee picker. */
export function consoleRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/dashboard', access: ALL_STAFF,
      doc: {
        operationId: 'getDashboard', summary: 'The signed-in role’s dashboard', tag: 'console',
        ok: { status: 200, description: 'The parts of the role’s own work', schema: DashboardAnswer },
      },
      handler: (req) => loadDashboard(ctx, req.ctx.actor!),
    },
    {
      // Who work can be assigned to, with the open work each holds: agents and supervisors assign, admins hand
      // a departing member's requests over. staff-users (e-mails, sign-ins) stays for admins.
      method: 'get', path: '/staff-directory', access: ['agent', 'supervisor', 'admin'],
      doc: {
        operationId: 'listStaffDirectory', summary: 'Who work can be assigned to', tag: 'console',
        ok: { status: 200, description: 'Active agents and supervisors, by name, with their open and overdue requests', schema: StaffEntryAnswer, array: true },
      },
      handler: () => listAssignableStaff(ctx),
    },
  ];
}
