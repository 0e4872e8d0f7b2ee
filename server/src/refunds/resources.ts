import { RefundAnswer } from '@closure-desk/shared';
import type { RefundRecord } from '../platform/db/records';
import { REFUND_METHODS, REFUND_STATUSES } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { ALL_STAFF } from '../platform/http/routes';
import { iso, type ListResource } from '../platform/http/list-resource';

export const refundToApi = (r: RefundRecord): RefundAnswer => ({
  id: r.id,
  closureRequestId: r.closureRequestId,
  customerId: r.customerId,
  amount: r.amount,
  currency: r.currency,
  method: r.method,
  payoutReference: r.payoutReference,
  note: r.note ?? null,
  status: r.status,
  createdById: r.createdById,
  approvedById: r.approvedById ?? null,
  decisionNote: r.decisionNote ?? null,
  createdAt: iso(r.createdAt),
  decidedAt: iso(r.decidedAt),
});

export function refundResource(ctx: AppContext): ListResource<RefundRecord, RefundAnswer> {
  return {
    name: 'refunds',
    tag: 'refunds', answer: RefundAnswer,
    model: ctx.models.Refund,
    access: ALL_STAFF,
    filters: {
      closureRequestId: { type: { kind: 'int' } },
      customerId: { type: { kind: 'int' } },
      status: { type: { kind: 'enum', values: REFUND_STATUSES } },
      method: { type: { kind: 'enum', values: REFUND_METHODS } },
      createdById: { type: { kind: 'int' } },
      createdAt: { type: { kind: 'datetime' }, range: true },
      amount: { type: { kind: 'money' }, range: true },
    },
    sorts: { id: 'id', createdAt: 'createdAt', amount: 'amount', status: 'status', decidedAt: 'decidedAt' },
    defaultSort: ['createdAt', 'DESC'],
    toApi: refundToApi,
  };
}
