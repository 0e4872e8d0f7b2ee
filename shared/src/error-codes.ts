/** Every machine-readable error code of API.md, with the HTTP status each one answers. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  same_person: 403,
  mfa_enrolment_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  invalid_transition: 409,
  version_conflict: 409,
  precondition_failed: 409,
  exceeds_refundable: 409,
  duplicate_open_request: 409,
  appeal_window_closed: 409,
  account_closed: 409,
  idempotency_conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** The body of every error answer. */
export interface ErrorBody {
  message: string;
  code: ErrorCode;
  details?: unknown[];
}
