import { BillAnswer, BalanceEntryAnswer } from '@closure-desk/shared';
import type { BalanceEntryRecord, BillRecord } from '../platform/db/records';
import { BILL_STATUSES, BUCKETS, LEDGER_KINDS, billOutstanding } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { ALL_STAFF } from '../platform/http/routes';
import { iso, type ListResource } from '../platform/http/list-resource';

export const billToApi = (r: BillRecord): BillAnswer => ({
  id: r.id,
  customerId: r.customerId,
  billNo: r.billNo,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  amountDue: r.amountDue,
  amountPaid: r.amountPaid,
  outstanding: billOutstanding(r),
  currency: r.currency,
  dueDate: r.dueDate,
  status: r.status,
  waivedReason: r.waivedReason ?? null,
});

const balanceEntryToApi = (r: BalanceEntryRecord): BalanceEntryAnswer => ({
  id: r.id,
  customerId: r.customerId,
  kind: r.kind,
  bucket: r.bucket,
  amount: r.amount,
  currency: r.currency,
  occurredAt: iso(r.occurredAt),
  reference: r.reference ?? null,
  closureRequestId: r.closureRequestId ?? null,
});

export function billingResources(ctx: AppContext): [ListResource<BillRecord, BillAnswer>, ListResource<BalanceEntryRecord, BalanceEntryAnswer>] {
  const { Bill, BalanceEntry } = ctx.models;
  return [
    {
      name: 'bills',
      tag: 'billing', answer: BillAnswer,
      model: Bill,
      access: ALL_STAFF,
      filters: {
        customerId: { type: { kind: 'int' } },
        status: { type: { kind: 'enum', values: BILL_STATUSES } },
        dueDate: { type: { kind: 'date' }, range: true },
      },
      sorts: { id: 'id', billNo: 'billNo', dueDate: 'dueDate', periodStart: 'periodStart', amountDue: 'amountDue', status: 'status' },
      defaultSort: ['dueDate', 'DESC'],
      toApi: billToApi,
    },
    {
      name: 'balance-entries',
      tag: 'billing', answer: BalanceEntryAnswer,
      model: BalanceEntry,
      access: ALL_STAFF,
      filters: {
        customerId: { type: { kind: 'int' } },
        kind: { type: { kind: 'enum', values: LEDGER_KINDS } },
        bucket: { type: { kind: 'enum', values: BUCKETS } },
        occurredAt: { type: { kind: 'datetime' }, range: true },
      },
      sorts: { id: 'id', occurredAt: 'occurredAt', amount: 'amount', kind: 'kind' },
      defaultSort: ['occurredAt', 'DESC'],
      toApi: balanceEntryToApi,
    },
  ];
}
