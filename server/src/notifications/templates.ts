import { BALANCE_DECISIONS, type BalanceDecision, type Locale, type NotificationTemplateCode } from '@closure-desk/shared';
import { en } from './texts/en';
import { zhCN } from './texts/zh-cn';

/** Every message the customer (or, for `staff_*`, a staff member) can be sent, with the params each one needs (DOMAIN.md "Notifications"). */
export const TEMPLATE_PARAMS = {
  closure_received: ['reference', 'dueDate'],
  info_requested: ['reference', 'message'],
  closure_approved: ['reference', 'effectiveDate', 'balanceOutcome'],
  closure_rejected: ['reference', 'reason'],
  closure_withdrawn: ['reference'],
  closure_completed: ['reference', 'effectiveDate', 'confirmation'],
  refund_recorded: ['reference', 'amount'],
  // issue 17: the wait for the customer's answer (reminder, then withdrawal by the system)
  info_reminder: ['reference', 'message', 'days'],
  closure_withdrawn_no_answer: ['reference', 'days'],
  // to staff (e-mail only): the one-time link to choose a password
  staff_invited: ['fullName', 'link', 'hours'],
  staff_password_reset: ['fullName', 'link', 'hours'],
} as const satisfies Record<NotificationTemplateCode, readonly string[]>;

export type NotificationTemplate = keyof typeof TEMPLATE_PARAMS;
export const NOTIFICATION_TEMPLATES = Object.keys(TEMPLATE_PARAMS) as NotificationTemplate[];

export type NotificationParams = Record<string, string | number | null>;

/** One template in one language; `{name}` marks a param. */
export interface TemplateText {
  subject: string;
  email: string;
  sms: string;
}

/** A language: its templates and how it words the params that are codes or dates. */
export interface LocaleTexts {
  templates: Record<NotificationTemplate, TemplateText>;
  /** a `YYYY-MM-DD` date as the customer reads it */
  date(isoDate: string): string;
  /** `balanceOutcome`: the approval's balance decision, with the amount it concerns when there is one */
  balanceOutcome: Record<BalanceDecision, (amount: string | null) => string>;
  /** `reason` codes (the rejection's reason code) */
  rejectReason: Record<string, string>;
}

const TEXTS: Record<Locale, LocaleTexts> = { 'zh-CN': zhCN, en };

export interface RenderedNotification {
  subject: string;
  email: string;
  sms: string;
}

const DATE = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+Z)?$/;
const OUTCOME = /^(\w+)(?:\s+(\S.*))?$/;
const coded = (map: Record<string, string>, value: string) => (Object.hasOwn(map, value) ? map[value]! : value);

/**
 * Params that are dates or codes are worded in the customer's language; any other value (a
 * reference, a staff-written message, an already formatted amount) is used as given.
 * Dates are `YYYY-MM-DD`; an ISO timestamp is read as its UTC date. `reason` may be a
 * rejection reason code, `balanceOutcome` a balance decision with its amount.
 */
const LOCALISED: Record<string, (value: string, t: LocaleTexts) => string> = {
  dueDate: (v, t) => localDate(v, t),
  effectiveDate: (v, t) => localDate(v, t),
  balanceOutcome: (v, t) => balanceOutcome(v, t),
  reason: (v, t) => coded(t.rejectReason, v),
};

/** `refund`, `forfeit` or `none`, optionally followed by the formatted amount (`refund ¥120.00`); other text as given. */
function balanceOutcome(value: string, t: LocaleTexts): string {
  const [, decision, amount] = OUTCOME.exec(value.trim()) ?? [];
  const known = BALANCE_DECISIONS.find((d) => d === decision);
  return known ? t.balanceOutcome[known](amount ?? null) : value;
}

function localDate(value: string, t: LocaleTexts): string {
  const match = DATE.exec(value);
  return match ? t.date(match[1]!) : value;
}

/**
 * Renders a template in one language. A missing or empty param is a programming error of the
 * caller and throws, so a customer is never sent a message with a hole in it.
 */
export function renderNotification(template: NotificationTemplate, locale: Locale, params: NotificationParams): RenderedNotification {
  const names: readonly string[] = TEMPLATE_PARAMS[template];
  if (!names) throw new Error(`Unknown notification template ${String(template)}`);
  const missing = names.filter((n) => params[n] == null || String(params[n]).trim() === '');
  if (missing.length) throw new Error(`Notification template ${template} needs param(s): ${missing.join(', ')}`);

  const texts = TEXTS[locale];
  const values = new Map(names.map((n) => [n, LOCALISED[n]?.(String(params[n]), texts) ?? String(params[n])]));
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = values.get(name);
      if (value === undefined) throw new Error(`Notification template ${template} (${locale}) uses undeclared param ${name}`);
      return value;
    });
  const t = texts.templates[template];
  return { subject: fill(t.subject), email: fill(t.email), sms: fill(t.sms) };
}

/** The customer's language; a value we do not write in falls back to Chinese, the provider's home language. */
export function notificationLocale(value: unknown): Locale {
  return value === 'en' ? 'en' : 'zh-CN';
}
