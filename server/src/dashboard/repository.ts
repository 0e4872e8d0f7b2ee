import { Op, QueryTypes } from 'sequelize';
import {
  CHANNELS, OPEN_STATUSES, ROLES, type Activity, type ClosureStatus,
  type ExportRecord, type PendingRefunds, type ReactivationIncident, type QueueCounts, type Role, type StaffCount, type StaffEntry, type WorkloadRow,
} from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { iso } from '../platform/http/list-resource';
import { isSet, type AuditEventRecord } from '../platform/db/records';
import { sqlValue } from '../platform/db/bulk-insert';
import { OPEN_STATUS_SQL, overdueSql } from '../closures';

/**
 * The console's read models: counts and sums only, each one query whatever the data's size
 * (no query per request, per day or per staff member). Plain objects out.
 */

const OPEN = OPEN_STATUSES as ClosureStatus[];
const WORKERS: Role[] = ['agent', 'supervisor'];

/**
 * Active agents and supervisors: the people work can be assigned to, each with the open requests
 * they hold and how many of those are late (the workload's one grouped count), so whoever assigns
 * sees who has room.
 */
export async function listAssignableStaff(ctx: AppContext, now = new Date()): Promise<StaffEntry[]> {
  const workload = await loadWorkload(ctx, now);
  return workload
    .filter((w) => w.active && WORKERS.includes(w.role))
    .map((w) => ({ id: w.assigneeId, fullName: w.fullName, role: w.role, open: w.open, overdue: w.overdue }))
    .sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : a.id - b.id));
}

/** Open requests assigned to one person: all of them, those due between now and `soon`, those already late (one query). */
export async function countQueue(ctx: AppContext, staffId: number, now: Date, soon: Date): Promise<QueueCounts> {
  const [row] = await ctx.db.select<{ assigned: number | string; dueSoon: number | string | null; overdue: number | string | null }>(
    `SELECT COUNT(*) AS "assigned",
            SUM(CASE WHEN due_at >= $2 AND due_at <= $3 THEN 1 ELSE 0 END) AS "dueSoon",
            SUM(CASE WHEN ${overdueSql('$2')} THEN 1 ELSE 0 END) AS "overdue"
       FROM closure_requests WHERE assignee_id = $1 AND ${OPEN_STATUS_SQL}`,
    [staffId, sqlValue(ctx.db, now), sqlValue(ctx.db, soon)],
  );
  return { assigned: Number(row?.assigned ?? 0), dueSoon: Number(row?.dueSoon ?? 0), overdue: Number(row?.overdue ?? 0) };
}

/** Open requests nobody has taken yet. */
export function countUnassigned(ctx: AppContext): Promise<number> {
  return ctx.models.ClosureRequest.count({ where: { assigneeId: null, status: { [Op.in]: OPEN } } });
}

/** Open requests past their due time (the list's `overdue` filter). */
export async function countOverdue(ctx: AppContext, now: Date): Promise<number> {
  const [row] = await ctx.db.select<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM closure_requests WHERE ${overdueSql('$1')}`, [sqlValue(ctx.db, now)]);
  return Number(row?.n ?? 0);
}

export async function countPendingRefunds(ctx: AppContext, staffId: number): Promise<PendingRefunds> {
  const { Refund } = ctx.models;
  const [total, byOthers] = await Promise.all([
    Refund.count({ where: { status: 'pending_approval' } }),
    Refund.count({ where: { status: 'pending_approval', createdById: { [Op.ne]: staffId } } }),
  ]);
  return { total, byOthers };
}

/**
 * Open requests per assignee (one grouped query), named from the staff table (one query). Every
 * active agent and supervisor appears, idle ones with zero; someone deactivated who still holds
 * open requests appears too, so that work is not lost from sight.
 */
export async function loadWorkload(ctx: AppContext, now: Date): Promise<WorkloadRow[]> {
  const sequelize = ctx.db.sequelize;
  const counts = await sequelize.query<{ assigneeId: unknown; open: unknown; overdue: unknown }>(
    `SELECT assignee_id AS "assigneeId", COUNT(*) AS "open",
            SUM(CASE WHEN ${overdueSql(':now')} THEN 1 ELSE 0 END) AS "overdue"
       FROM closure_requests
      WHERE assignee_id IS NOT NULL AND ${OPEN_STATUS_SQL}
      GROUP BY assignee_id`,
    { replacements: { now }, type: QueryTypes.SELECT },
  );
  const byId = new Map(counts.map((c) => [Number(c.assigneeId), { open: Number(c.open), overdue: Number(c.overdue ?? 0) }]));
  const staff = await ctx.models.StaffUser.findAll({
    attributes: ['id', 'fullName', 'role', 'active'],
    where: {
      [Op.or]: [
        { active: true, role: { [Op.in]: WORKERS } },
        ...(byId.size ? [{ id: { [Op.in]: [...byId.keys()] } }] : []),
      ],
    },
    raw: true,
  });
  return staff
    .map((s) => {
      const c = byId.get(s.id) ?? { open: 0, overdue: 0 };
      return { assigneeId: s.id, fullName: s.fullName, role: s.role, active: isSet(s.active), ...c };
    })
    .sort((a, b) => b.open - a.open || a.fullName.localeCompare(b.fullName));
}

const DAY_MS = 86_400_000;

/** The UTC calendar day of a timestamp column, the same text on both dialects. */
function dayOf(ctx: AppContext, column: string): string {
  return ctx.db.dialect === 'postgres' ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `date(${column})`;
}

/**
 * Requests received (submitted) and completed per UTC day over the last `days` days, today
 * included, and the same totals by channel: two grouped queries, days without any filled with 0.
 */
export async function loadActivity(ctx: AppContext, now: Date, days = 30): Promise<Activity> {
  const sequelize = ctx.db.sequelize;
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(todayStart - (days - 1) * DAY_MS);
  type Count = { day: string; channel: string; n: unknown };
  const grouped = (column: string, extra: string) =>
    sequelize.query<Count>(
      `SELECT ${dayOf(ctx, column)} AS "day", channel AS "channel", COUNT(*) AS "n"
         FROM closure_requests
        WHERE ${column} >= :from ${extra}
        GROUP BY 1, 2`,
      { replacements: { from, completed: 'completed' }, type: QueryTypes.SELECT },
    );
  const [received, completed] = await Promise.all([
    grouped('submitted_at', ''),
    grouped('completed_at', 'AND status = :completed'),
  ]);

  const dates = Array.from({ length: days }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  const perDay = new Map(dates.map((date) => [date, { date, received: 0, completed: 0 }]));
  const perChannel = new Map(CHANNELS.map((channel) => [channel as string, { channel, received: 0, completed: 0 }]));
  const add = (rows: Count[], key: 'received' | 'completed') => {
    for (const row of rows) {
      const n = Number(row.n);
      const day = perDay.get(String(row.day));
      if (day) day[key] += n;
      const channel = perChannel.get(row.channel);
      if (channel) channel[key] += n;
    }
  };
  add(received, 'received');
  add(completed, 'completed');
  return { from: dates[0]!, to: dates[dates.length - 1]!, days: [...perDay.values()], byChannel: [...perChannel.values()] };
}

/** The export actions of the audit trail (audit/export-audit-events.ts, closures/export.ts). */
export const EXPORT_ACTION_PREFIXES = ['audit.export', 'closure.export'] as const;

/** The latest exports of audit events and closure records, newest first, read from the audit trail. */
export async function loadRecentExports(ctx: AppContext, limit = 10): Promise<ExportRecord[]> {
  const rows = await ctx.models.AuditEvent.findAll({
    attributes: ['id', 'at', 'action', 'actorId', 'actorEmail', 'actorRole', 'after'],
    where: { [Op.or]: EXPORT_ACTION_PREFIXES.map((prefix) => ({ action: { [Op.like]: `${prefix}%` } })) },
    order: [['id', 'DESC']],
    limit,
    raw: true,
  });
  return rows.map((r) => {
    const after = parseObject(r.after);
    return {
      id: r.id,
      at: iso(r.at),
      action: r.action,
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      actorRole: r.actorRole,
      format: typeof after?.format === 'string' ? after.format : null,
      rows: typeof after?.rows === 'number' ? after.rows : null,
      outcome: typeof after?.outcome === 'string' ? after.outcome : null,
      filter: after?.filter && typeof after.filter === 'object' ? (after.filter as Record<string, unknown>) : null,
    };
  });
}

function parseObject(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string') return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The audit action of a terminated profile's refused comeback (connectors/inbound.ts). */
export const REACTIVATION_INCIDENT = 'incident.reactivation-refused';

/** Reactivation incidents: how many, and the latest `limit`, in one query (the total rides on each row). */
export async function loadIncidents(ctx: AppContext, limit = 10): Promise<{ total: number; latest: ReactivationIncident[] }> {
  const rows = await ctx.db.sequelize.query<Pick<AuditEventRecord, 'id' | 'at' | 'entityId' | 'reason' | 'after'> & { total: number }>(
    `SELECT id, at, entity_id AS "entityId", reason, after, COUNT(*) OVER () AS "total"
       FROM audit_events WHERE action = :action ORDER BY id DESC LIMIT :limit`,
    { replacements: { action: REACTIVATION_INCIDENT, limit }, type: QueryTypes.SELECT },
  );
  return {
    total: rows.length ? rows[0]!.total : 0,
    latest: rows.map((r) => {
      const after = parseObject(r.after);
      return {
        id: r.id,
        at: iso(r.at),
        profileId: Number(r.entityId),
        iccid: typeof after?.iccid === 'string' ? after.iccid : null,
        notificationPointId: typeof after?.notificationPointId === 'number' ? after.notificationPointId : null,
        reason: r.reason,
      };
    }),
  };
}

/** Staff accounts per role and state: one grouped query. */
export async function countStaff(ctx: AppContext): Promise<StaffCount[]> {
  const rows = await ctx.db.sequelize.query<{ role: string; active: unknown; n: unknown }>(
    'SELECT role AS "role", active AS "active", COUNT(*) AS "n" FROM staff_users GROUP BY role, active',
    { type: QueryTypes.SELECT },
  );
  return ROLES.map((role) => {
    const of = rows.filter((r) => r.role === role);
    const isActive = (v: unknown) => v === true || v === 1 || v === '1';
    return {
      role,
      active: of.filter((r) => isActive(r.active)).reduce((s, r) => s + Number(r.n), 0),
      inactive: of.filter((r) => !isActive(r.active)).reduce((s, r) => s + Number(r.n), 0),
    };
  });
}

