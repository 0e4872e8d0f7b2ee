import type { Dashboard } from '@closure-desk/shared';
import type { Actor } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';
import {
  countOverdue, countPendingRefunds, countQueue, countStaff, countUnassigned, loadActivity, loadIncidents, loadRecentExports, loadWorkload,
} from './repository';

/** "Due soon" on an agent's queue: due within this many hours and not late yet. */
export const DUE_SOON_HOURS = 48;
export const ACTIVITY_DAYS = 30;

/**
 * GET /api/dashboard: what the caller's role dashboard shows, and nothing it would not. Every
 * part is optional; a role gets the parts of its own work:
 * - agents: their queue (assigned, due soon, overdue) and the unassigned requests they can take;
 * - supervisors: their own queue too, and the team's (unassigned, overdue, refunds waiting for a
 *   decision, open work per person), and the terminated profiles that tried to come back;
 * - auditors: the latest exports (the chain's state comes from GET /api/audit-events/verify);
 * - admins: staff per role and the latest exports;
 * - everybody: requests received and completed per day and per channel.
 */
export async function loadDashboard(ctx: AppContext, actor: Actor, now = new Date()): Promise<Dashboard> {
  const soon = new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000);
  const works = actor.role === 'agent' || actor.role === 'supervisor';
  const [queue, unassigned, team, exports, staff, activity] = await Promise.all([
    works ? countQueue(ctx, actor.id, now, soon) : undefined,
    works ? countUnassigned(ctx) : undefined,
    actor.role === 'supervisor' ? loadTeam(ctx, actor.id, now) : undefined,
    actor.role === 'auditor' || actor.role === 'admin' ? loadRecentExports(ctx) : undefined,
    actor.role === 'admin' ? countStaff(ctx) : undefined,
    loadActivity(ctx, now, ACTIVITY_DAYS),
  ]);
  return {
    role: actor.role,
    generatedAt: now.toISOString(),
    dueSoonHours: DUE_SOON_HOURS,
    ...(queue && { queue: { ...queue, unassigned: unassigned ?? 0 } }),
    ...(team && { team: { ...team, unassigned: unassigned ?? 0 } }),
    ...(exports && { exports }),
    ...(staff && { staff }),
    activity,
  };
}

async function loadTeam(ctx: AppContext, staffId: number, now: Date) {
  const [overdue, refundsPendingApproval, workload, incidents] = await Promise.all([
    countOverdue(ctx, now),
    countPendingRefunds(ctx, staffId),
    loadWorkload(ctx, now),
    loadIncidents(ctx),
  ]);
  return { overdue, refundsPendingApproval, workload, incidents };
}
