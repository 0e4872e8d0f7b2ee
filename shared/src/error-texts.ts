import type { Locale } from './domain';
import type { ErrorCode } from './error-codes';

/**
 * What each error code means, in each language of the console: the server answers with these
 * when a refusal has no words of its own in the language asked, and the console's catalogue
 * (client/src/i18n/codes*.ts) shows the same words for a code.
 */
export const ERROR_TEXTS: Record<Locale, Record<ErrorCode, string>> = {
  en: {
    validation_failed: 'Some values are not valid.',
    unauthenticated: 'Please sign in.',
    mfa_required: 'Enter the code from your authenticator app.',
    forbidden: 'Not permitted for your role.',
    csrf_failed: 'The page was out of date; try again.',
    same_person: 'Another person must decide this.',
    mfa_enrolment_required: 'Set up two-step sign-in first.',
    not_found: 'Not found.',
    method_not_allowed: 'Not possible here.',
    invalid_transition: 'Not possible in the current state.',
    version_conflict: 'Someone else changed this meanwhile; reload and try again.',
    precondition_failed: 'Not yet possible: some checks fail.',
    exceeds_refundable: 'More than the refundable amount.',
    duplicate_open_request: 'This account already has an open closure request.',
    appeal_window_closed: 'The time to appeal this decision has passed.',
    account_closed: 'This account is already closed.',
    idempotency_conflict: 'The same request was sent twice with different contents.',
    gone: 'No longer available.',
    payload_too_large: 'Too large.',
    unsupported_media_type: 'This file type is not accepted.',
    rate_limited: 'Too many attempts; wait a little and try again.',
    internal: 'Something went wrong on our side.',
    service_unavailable: 'The service is briefly unavailable; try again shortly.',
  },
  'zh-CN': {
    validation_failed: '部分内容不符合要求。',
    unauthenticated: '请先登录。',
    mfa_required: '请输入验证器应用中的验证码。',
    forbidden: '你的角色无权执行此操作。',
    csrf_failed: '页面已过期，请重试。',
    same_person: '须由另一人决定。',
    mfa_enrolment_required: '请先设置两步登录。',
    not_found: '未找到。',
    method_not_allowed: '此处不支持该操作。',
    invalid_transition: '当前状态下不能执行此操作。',
    version_conflict: '已被他人修改，请刷新后重试。',
    precondition_failed: '暂不能办理：部分条件未满足。',
    exceeds_refundable: '超过可退金额。',
    duplicate_open_request: '该账户已有一个未办结的注销申请。',
    appeal_window_closed: '申诉期限已过。',
    account_closed: '该账户已注销。',
    idempotency_conflict: '同一请求被以不同内容重复提交。',
    gone: '已失效。',
    payload_too_large: '内容过大。',
    unsupported_media_type: '不接受此文件类型。',
    rate_limited: '尝试次数过多，请稍后再试。',
    internal: '系统出错，请稍后再试。',
    service_unavailable: '服务暂时不可用，请稍后再试。',
  },
};

/** The language of an `Accept-Language` header: zh-CN for any Chinese, otherwise English. */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale {
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}
