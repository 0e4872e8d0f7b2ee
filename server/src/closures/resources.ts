import { Op, type WhereOptions } from 'sequelize';
import {
  CHANNELS, CLOSURE_STATUSES, OPEN_STATUSES, REASON_CODES, type ClosureStatus,
} from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { ALL_STAFF } from '../platform/http/routes';
import { bool, iso, type ListResource } from '../platform/http/list-resource';
import { likeEscape } from '../platform/http/list-query';
import { customerSearchSql } from '../customers/resources';

type Row = Record<string, unknown>;

export const isOverdue = (status: unknown, dueAt: unknown, now = Date.now()) =>
  OPEN_STATUSES.includes(status as ClosureStatus) && dueAt != null && new Date(dueAt as string).getTime() < now;

export function closureRequestToApi(r: Row): Row {
  const customer = (r.customer ?? {}) as Row;
  const assignee = (r.assignee ?? {}) as Row;
  return {
    id: r.id,
    reference: r.reference,
    customerId: r.customerId,
    customerName: customer.fullName ?? null,
    accountNo: customer.accountNo ?? null,
    channel: r.channel,
    status: r.status,
    reasonCode: r.reasonCode,
    reasonText: r.reasonText ?? null,
    identityVerified: bool(r.identityVerified),
    verificationMethod: r.verificationMethod ?? null,
    assigneeId: r.assigneeId ?? null,
    assigneeName: assignee.fullName ?? null,
    submittedAt: iso(r.submittedAt),
    dueAt: iso(r.dueAt),
    overdue: isOverdue(r.status, r.dueAt),
    requestedEffectiveDate: r.requestedEffectiveDate ?? null,
    effectiveDate: r.effectiveDate ?? null,
    balanceDecision: r.balanceDecision ?? null,
    rejectReasonCode: r.rejectReasonCode ?? null,
    resolvedAt: iso(r.resolvedAt),
    completedAt: iso(r.completedAt),
    version: r.version,
  };
}

/** The joins every closure-request answer needs: the customer's name and account, the assignee's name. */
export const closureIncludes = (ctx: AppContext) => [
  { model: ctx.models.Customer, as: 'customer', attributes: ['fullName', 'accountNo'] },
  { model: ctx.models.StaffUser, as: 'assignee', attributes: ['fullName'] },
];

export function closureRequestResource(ctx: AppContext): ListResource {
  const { ClosureRequest } = ctx.models;
  const sequelize = ctx.db.sequelize;
  const overdueWhere = (): WhereOptions => ({
    status: { [Op.in]: OPEN_STATUSES as ClosureStatus[] },
    dueAt: { [Op.lt]: new Date() },
  });
  return {
    name: 'closure-requests',
    model: ClosureRequest,
    access: ALL_STAFF,
    filters: {
      status: { type: { kind: 'enum', values: CLOSURE_STATUSES } },
      channel: { type: { kind: 'enum', values: CHANNELS } },
      reasonCode: { type: { kind: 'enum', values: REASON_CODES } },
      assigneeId: { type: { kind: 'int' } },
      customerId: { type: { kind: 'int' } },
      overdue: { type: { kind: 'bool' } },
      submittedAt: { type: { kind: 'datetime' }, range: true },
      dueAt: { type: { kind: 'datetime' }, range: true },
    },
    sorts: {
      id: 'id', reference: 'reference', status: 'status', channel: 'channel', submittedAt: 'submittedAt',
      dueAt: 'dueAt', effectiveDate: 'effectiveDate', resolvedAt: 'resolvedAt', completedAt: 'completedAt',
      assigneeId: 'assigneeId',
    },
    defaultSort: ['submittedAt', 'DESC'],
    custom: {
      overdue: (f) => (f.value ? overdueWhere() : { [Op.not]: overdueWhere() }),
    },
    search: (q) => {
      const prefix = sequelize.escape(`${likeEscape(q.toUpperCase())}%`);
      const iccid = sequelize.escape(`${likeEscape(q)}%`);
      return sequelize.literal(`("ClosureRequest"."reference" LIKE ${prefix} ESCAPE '\\'
        OR "ClosureRequest"."customer_id" IN (SELECT id FROM customers WHERE ${customerSearchSql(sequelize, q)})
        OR "ClosureRequest"."customer_id" IN (SELECT customer_id FROM esim_profiles WHERE iccid LIKE ${iccid} ESCAPE '\\'))`);
    },
    include: closureIncludes(ctx),
    toApi: closureRequestToApi,
  };
}
