import type { Transaction } from 'sequelize';
import type { Locale, NotificationChannel } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { findCustomerContact, findStaffContact, insertNotification } from './repository';
import { notificationLocale, renderNotification, type NotificationParams, type NotificationTemplate } from './templates';

export interface EnqueueNotificationInput {
  customerId: number;
  closureRequestId: number | null;
  template: NotificationTemplate;
  params: NotificationParams;
}

/**
 * Puts one `pending` message per channel the customer has (e-mail, then SMS) in the outbox,
 * in the customer's language, inside the caller's transaction: the step and its messages commit
 * or roll back together, and the dispatcher sends them once committed. Returns the new ids.
 */
export async function enqueueCustomerNotification(
  ctx: AppContext,
  tx: Transaction,
  input: EnqueueNotificationInput,
): Promise<number[]> {
  const customer = await findCustomerContact(ctx, tx, input.customerId);
  if (!customer) throw new Error(`enqueueCustomerNotification: customer ${input.customerId} does not exist`);

  const locale = notificationLocale(customer.locale);
  // Rendered even for a customer with no channel, so a missing param is caught in every test.
  const text = renderNotification(input.template, locale, input.params);
  const messages: { channel: NotificationChannel; recipient: string; subject: string | null; body: string }[] = [];
  if (customer.email) messages.push({ channel: 'email', recipient: customer.email, subject: text.subject, body: text.email });
  if (customer.phone) messages.push({ channel: 'sms', recipient: customer.phone, subject: null, body: text.sms });

  const createdAt = new Date();
  const ids: number[] = [];
  for (const m of messages) {
    ids.push(await insertNotification(ctx, tx, {
      ...m,
      customerId: input.customerId,
      closureRequestId: input.closureRequestId,
      template: input.template,
      locale,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      createdAt,
      sentAt: null,
    }));
  }
  return ids;
}

export interface EnqueueStaffNotificationInput {
  staffUserId: number;
  template: Extract<NotificationTemplate, `staff_${string}`>;
  params: NotificationParams;
}

/**
 * Puts one `pending` e-mail to a staff member in the same outbox, in their language, inside the
 * caller's transaction. Staff messages are not in the customer notification list (resources.ts).
 */
export async function enqueueStaffNotification(ctx: AppContext, tx: Transaction, input: EnqueueStaffNotificationInput): Promise<number> {
  const staff = await findStaffContact(ctx, tx, input.staffUserId);
  if (!staff) throw new Error(`enqueueStaffNotification: staff user ${input.staffUserId} does not exist`);
  const locale: Locale = staff.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const text = renderNotification(input.template, locale, input.params);
  return insertNotification(ctx, tx, {
    channel: 'email', recipient: staff.email, subject: text.subject, body: text.email,
    customerId: null, staffUserId: input.staffUserId, closureRequestId: null, template: input.template, locale,
    status: 'pending', attempts: 0, nextAttemptAt: null, lastError: null, createdAt: new Date(), sentAt: null,
  });
}
