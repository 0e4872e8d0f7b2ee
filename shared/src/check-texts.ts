/**
 * What the checklist says about each check, in each language of the console (issue 18): the cause
 * and, when a check fails, the next step. closure-workflow.ts's checks decide ok / not ok; these
 * only word it. Amounts come formatted (money.ts), dates as `YYYY-MM-DD` and are printed here in
 * the language's one date format (dates.ts).
 */
import type { BalanceDecision, Channel, Locale, VerificationMethod } from './domain';
import { formatCalendarDate } from './dates';

export interface CheckTexts {
  identityMissing(channel: Channel, needed: VerificationMethod): string;
  identityWrongMethod(method: VerificationMethod | null, channel: Channel, needed: VerificationMethod): string;
  identityOk(method: VerificationMethod): string;
  billsOk(): string;
  billsOutstanding(amount: string): string;
  balanceUndecided(): string;
  balanceNoneWithCash(cash: string): string;
  balanceNothingTo(decision: Exclude<BalanceDecision, 'none'>): string;
  balanceOk(decision: BalanceDecision): string;
  dateMissing(): string;
  dateInvalid(value: string): string;
  datePast(date: string, today: string): string;
  dateOk(date: string): string;
  dateReached(date: string): string;
  dateNotReached(date: string): string;
  refundsPending(count: number): string;
  refundsCashLeft(amount: string): string;
  refundsOk(refunded: string): string;
  profilesOk(): string;
  profilesInstalled(count: number): string;
  terminationPending(count: number): string;
  terminationFailed(failures: string[]): string;
  terminationOk(): string;
  /** A 409 precondition_failed: what the refused action was and each failing check's own words. */
  cannot(action: 'approve' | 'complete', reasons: string[]): string;
}

const CHANNEL_EN: Record<Channel, string> = { app: 'an app', phone: 'a phone', email: 'an e-mail' };
const METHOD_EN: Record<VerificationMethod, string> = {
  app_login: 'the app sign-in',
  security_questions: 'the security questions',
  id_document: 'an ID document',
};
const DECISION_EN: Record<BalanceDecision, string> = { refund: 'refunded', forfeit: 'forfeited', none: 'none (no cash)' };

const en: CheckTexts = {
  identityMissing: (channel, needed) =>
    `Identity not verified yet: ${CHANNEL_EN[channel]} request is verified by ${METHOD_EN[needed]}. Use Verify identity.`,
  identityWrongMethod: (method, channel, needed) =>
    `Verified by ${method ? METHOD_EN[method] : 'no method'}, but ${CHANNEL_EN[channel]} request needs ${METHOD_EN[needed]}: verify again.`,
  identityOk: (method) => `Verified by ${METHOD_EN[method]}.`,
  billsOk: () => 'Every bill is paid or waived.',
  billsOutstanding: (amount) => `${amount} is still owed: the billing system must report the payment, or a supervisor waives the bill.`,
  balanceUndecided: () => 'Not decided yet: choose Refund or Forfeit for the cash (No balance only when it is zero) when approving.',
  balanceNoneWithCash: (cash) => `"No balance" is only for an account without cash, and this one holds ${cash}: choose Refund or Forfeit.`,
  balanceNothingTo: (decision) => `The cash balance is zero, so there is nothing to ${decision}: choose No balance.`,
  balanceOk: (decision) => `Cash: ${DECISION_EN[decision]}; promotional credit is forfeited.`,
  dateMissing: () => 'No effective date yet: set it when approving (today or later).',
  dateInvalid: (value) => `"${value}" is not a date: enter the date as YYYY-MM-DD.`,
  datePast: (date, today) =>
    `The effective date is in the past (${formatCalendarDate(date, 'en')}; today is ${formatCalendarDate(today, 'en')}): choose today or a later date.`,
  dateOk: (date) => `Service ends on ${formatCalendarDate(date, 'en')}.`,
  dateReached: (date) => `The effective date ${formatCalendarDate(date, 'en')} is reached.`,
  dateNotReached: (date) => `The effective date is ${formatCalendarDate(date, 'en')}: the closure can be completed from that day on.`,
  refundsPending: (count) =>
    count === 1 ? '1 refund awaits a supervisor’s approval.' : `${count} refunds await a supervisor’s approval.`,
  refundsCashLeft: (amount) => `${amount} of cash is still to refund: record the refund.`,
  refundsOk: (refunded) => `No refund pending; ${refunded} refunded.`,
  profilesOk: () => 'No eSIM profile is still installed on a device.',
  profilesInstalled: (count) =>
    `${count === 1 ? '1 eSIM profile is' : `${count} eSIM profiles are`} still installed on a device: ask the customer to delete ${count === 1 ? 'it' : 'them'} (this does not block closing).`,
  terminationPending: (count) => `Waiting for ${count === 1 ? '1 confirmation' : `${count} confirmations`} from the eSIM platform and the network.`,
  terminationFailed: (failures) => `Termination failed: ${failures.join('; ')}. A supervisor can retry it once the peer is fixed.`,
  terminationOk: () => 'The eSIM platform and the network confirmed the termination.',
  cannot: (action, reasons) => `Cannot ${action} yet. ${reasons.join(' ')}`,
};

const CHANNEL_ZH: Record<Channel, string> = { app: '手机 App', phone: '电话', email: '电子邮件' };
const METHOD_ZH: Record<VerificationMethod, string> = {
  app_login: 'App 登录',
  security_questions: '安全问题',
  id_document: '身份证件',
};
const DECISION_ZH: Record<BalanceDecision, string> = { refund: '退还', forfeit: '不予退还', none: '无余额' };

const zhCN: CheckTexts = {
  identityMissing: (channel, needed) => `身份尚未核验：${CHANNEL_ZH[channel]}渠道的申请须通过「${METHOD_ZH[needed]}」核验。请使用「核验身份」。`,
  identityWrongMethod: (method, channel, needed) =>
    `已通过「${method ? METHOD_ZH[method] : '无'}」核验，但${CHANNEL_ZH[channel]}渠道的申请须通过「${METHOD_ZH[needed]}」核验，请重新核验。`,
  identityOk: (method) => `已通过「${METHOD_ZH[method]}」核验。`,
  billsOk: () => '所有账单均已付清或减免。',
  billsOutstanding: (amount) => `仍欠 ${amount}：须由计费系统报告付款，或由主管减免账单。`,
  balanceUndecided: () => '尚未决定：批准时为现金余额选择「退还」或「不予退还」（仅当现金为零时选「无余额」）。',
  balanceNoneWithCash: (cash) => `「无余额」仅适用于没有现金余额的账户，而该账户尚有 ${cash}：请选择「退还」或「不予退还」。`,
  balanceNothingTo: (decision) => `现金余额为零，无可${decision === 'refund' ? '退还' : '不予退还'}的金额：请选择「无余额」。`,
  balanceOk: (decision) => `现金余额：${DECISION_ZH[decision]}；赠送余额不予退还。`,
  dateMissing: () => '尚未设定生效日期：批准时设定（今天或以后）。',
  dateInvalid: (value) => `「${value}」不是有效日期：请按 YYYY-MM-DD 填写。`,
  datePast: (date, today) =>
    `生效日期已过（${formatCalendarDate(date, 'zh-CN')}，今天是 ${formatCalendarDate(today, 'zh-CN')}）：请选择今天或以后的日期。`,
  dateOk: (date) => `服务于 ${formatCalendarDate(date, 'zh-CN')} 终止。`,
  dateReached: (date) => `已到生效日期 ${formatCalendarDate(date, 'zh-CN')}。`,
  dateNotReached: (date) => `生效日期为 ${formatCalendarDate(date, 'zh-CN')}：当天起才能完成注销。`,
  refundsPending: (count) => `${count} 笔退款等待主管审批。`,
  refundsCashLeft: (amount) => `仍有 ${amount} 现金待退：请登记退款。`,
  refundsOk: (refunded) => `无待审批退款；已退 ${refunded}。`,
  profilesOk: () => '没有仍安装在设备上的 eSIM 配置文件。',
  profilesInstalled: (count) => `${count} 个 eSIM 配置文件仍安装在设备上：请客户删除（不影响注销）。`,
  terminationPending: (count) => `等待 eSIM 平台和网络的 ${count} 项确认。`,
  terminationFailed: (failures) => `终止失败：${failures.join('；')}。对端修复后，主管可重试。`,
  terminationOk: () => 'eSIM 平台和网络已确认终止。',
  cannot: (action, reasons) => `暂不能${action === 'approve' ? '批准' : '完成注销'}。${reasons.join('')}`,
};

export const CHECK_TEXTS: Record<Locale, CheckTexts> = { en, 'zh-CN': zhCN };
