import { CustomerAnswer, ProfileAnswer } from '@closure-desk/shared';
import {
  CURRENCIES, CUSTOMER_STATUSES, DEVICE_STATES, NETWORK_STATES, maskDocument, maskEmail, maskPhone,
} from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { ALL_STAFF } from '../platform/http/routes';
import { iso, num, type ListResource } from '../platform/http/list-resource';
import { customerIdsSql, searchTerm, type Bind, type SearchTerm } from './search-sql';
import { keyFor } from './search-index';

type Row = Record<string, unknown>;

export function customerToApi(r: Row): Row {
  return {
    id: r.id,
    accountNo: r.accountNo,
    fullName: r.fullName,
    email: maskEmail(r.email as string | null),
    phone: maskPhone(r.phone as string | null),
    idDocumentType: r.idDocumentType,
    idDocumentNumber: maskDocument(r.idDocumentNumber as string | null),
    locale: r.locale,
    currency: r.currency,
    status: r.status,
    cashBalance: num(r.cashBalance),
    promoBalance: num(r.promoBalance),
    outstandingAmount: num(r.outstandingAmount),
    createdAt: iso(r.createdAt),
    closedAt: iso(r.closedAt),
  };
}

/** The customers a term finds (customers/search-sql.ts), as a condition on the list's customers. */
const customerSearchSql = (dialect: string, bind: Bind, term: SearchTerm) => `"Customer"."id" IN (${customerIdsSql(dialect, bind, term)})`;

export const profileToApi = (r: Row): Row => ({
  id: r.id,
  customerId: r.customerId,
  iccid: r.iccid,
  msisdn: maskPhone(r.msisdn as string | null),
  eid: r.eid,
  deviceModel: r.deviceModel,
  deviceState: r.deviceState,
  networkState: r.networkState,
  terminatedAt: iso(r.terminatedAt),
  quarantineUntil: r.quarantineUntil ?? null,
  updatedAt: iso(r.updatedAt),
});

export function customerResources(ctx: AppContext): ListResource[] {
  const { Customer, EsimProfile } = ctx.models;
  return [
    {
      name: 'customers',
      tag: 'customers', answer: CustomerAnswer,
      model: Customer,
      access: ALL_STAFF,
      filters: {
        status: { type: { kind: 'enum', values: CUSTOMER_STATUSES } },
        currency: { type: { kind: 'enum', values: CURRENCIES } },
        cashBalance: { type: { kind: 'money' }, range: true },
        promoBalance: { type: { kind: 'money' }, range: true },
        outstandingAmount: { type: { kind: 'money' }, range: true },
        createdAt: { type: { kind: 'datetime' }, range: true },
      },
      sorts: {
        id: 'id', accountNo: 'accountNo', fullName: 'fullName', status: 'status', currency: 'currency',
        cashBalance: 'cashBalance', promoBalance: 'promoBalance', outstandingAmount: 'outstandingAmount',
        createdAt: 'createdAt', closedAt: 'closedAt',
      },
      defaultSort: ['id', 'DESC'],
      searchSql: (q) => (p) => customerSearchSql(ctx.db.dialect, p, searchTerm(keyFor(ctx), q)),
      toApi: customerToApi,
    },
    {
      name: 'esim-profiles',
      tag: 'customers', answer: ProfileAnswer,
      model: EsimProfile,
      access: ALL_STAFF,
      filters: {
        customerId: { type: { kind: 'int' } },
        networkState: { type: { kind: 'enum', values: NETWORK_STATES } },
        deviceState: { type: { kind: 'enum', values: DEVICE_STATES } },
      },
      sorts: { id: 'id', iccid: 'iccid', networkState: 'networkState', deviceState: 'deviceState', updatedAt: 'updatedAt' },
      defaultSort: ['id', 'ASC'],
      toApi: profileToApi,
    },
  ];
}
