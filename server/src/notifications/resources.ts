import { NotificationAnswer } from '@closure-desk/shared';
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES, maskEmail, maskPhone } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { ALL_STAFF } from '../platform/http/routes';
import { iso, type ListResource } from '../platform/http/list-resource';
import type { NotificationRecord } from '../platform/db/records';

/** A message to a customer: the list's scope keeps the outbox's messages to staff out. */
export type CustomerNotification = NotificationRecord & { customerId: number };

export const notificationToApi = (r: CustomerNotification): NotificationAnswer => ({
  id: r.id,
  customerId: r.customerId,
  closureRequestId: r.closureRequestId ?? null,
  channel: r.channel,
  recipient: r.channel === 'email' ? maskEmail(r.recipient) : maskPhone(r.recipient),
  template: r.template,
  locale: r.locale,
  subject: r.subject ?? null,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError ?? null,
  createdAt: iso(r.createdAt),
  sentAt: iso(r.sentAt),
});

export function notificationResource(ctx: AppContext): ListResource<CustomerNotification, NotificationAnswer> {
  return {
    name: 'notifications',
    tag: 'notifications', answer: NotificationAnswer,
    model: ctx.models.Notification,
    access: ALL_STAFF,
    filters: {
      status: { type: { kind: 'enum', values: NOTIFICATION_STATUSES } },
      closureRequestId: { type: { kind: 'int' } },
      customerId: { type: { kind: 'int' } },
      channel: { type: { kind: 'enum', values: NOTIFICATION_CHANNELS } },
      createdAt: { type: { kind: 'datetime' }, range: true },
    },
    sorts: { id: 'id', createdAt: 'createdAt', sentAt: 'sentAt', status: 'status', attempts: 'attempts' },
    defaultSort: ['createdAt', 'DESC'],
    // The outbox also holds messages to staff (their enrolment links): those are nobody's business here.
    scopeSql: (column) => `${column('customerId')} IS NOT NULL`,
    toApi: notificationToApi,
  };
}
