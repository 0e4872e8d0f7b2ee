import { CustomerAnswer, ProfileAnswer } from '@closure-desk/shared';
import {
  CURRENCIES, CUSTOMER_STATUSES, DEVICE_STATES, NETWORK_STATES, maskDocument, maskEmail, maskPhone,
} from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { ALL_STAFF } from '../platform/http/routes';
import { iso, type ListResource } from '../platform/http/list-resource';
import type { CustomerRecord, EsimProfileRecord } from '../platform/db/records';
import { customerIdsSql, searchTerm, type Bind, type SearchTerm } from './search-sql';
import { keyFor } from './search-index';

export function customerToApi(r: CustomerRecord): CustomerAnswer {
  return {
    id: r.id,
    accountNo: r.accountNo,
    fullName: r.fullName,
    email: maskEmail(r.email),
    phone: maskPhone(r.phone),
    idDocumentType: r.idDocumentType,
    idDocumentNumber: maskDocument(r.idDocumentNumber),
    locale: r.locale,
    currency: r.currency,
    status: r.status,
    cashBalance: r.cashBalance,
    promoBalance: r.promoBalance,
    outstandingAmount: r.outstandingAmount,
    createdAt: iso(r.createdAt),
    closedAt: iso(r.closedAt),
  };
}

/** The customers a term finds (customers/search-sql.ts), as a condition on the list's customers. */
const customerSearchSql = (dialect: string, bind: Bind, term: SearchTerm) => `"Customer"."id" IN (${customerIdsSql(dialect, bind, term)})`;

export const profileToApi = (r: EsimProfileRecord): ProfileAnswer => ({
  id: r.id,
  customerId: r.customerId,
  iccid: r.iccid,
  msisdn: maskPhone(r.msisdn),
  eid: r.eid,
  deviceModel: r.deviceModel,
  deviceState: r.deviceState,
  networkState: r.networkState,
  terminatedAt: iso(r.terminatedAt),
  quarantineUntil: r.quarantineUntil ?? null,
  updatedAt: iso(r.updatedAt),
});

export function customerResources(ctx: AppContext): [ListResource<CustomerRecord, CustomerAnswer>, ListResource<EsimProfileRecord, ProfileAnswer>] {
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
