import { HttpError } from 'react-admin';
import { BLOCKER_IDS, type ErrorCode } from '@closure-desk/shared';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ApiErrorBody {
  message?: string;
  code?: ErrorCode;
  details?: unknown[];
}

export function apiErrorBody(error: unknown): ApiErrorBody {
  return error instanceof HttpError && error.body && typeof error.body === 'object' ? (error.body as ApiErrorBody) : {};
}

export const isVersionConflict = (error: unknown) => apiErrorBody(error).code === 'version_conflict';

/** The check ids of a 409 `precondition_failed` (blockers of approve or complete), or none. */
export function failingChecks(error: unknown): string[] {
  const body = apiErrorBody(error);
  if (body.code !== 'precondition_failed' || !Array.isArray(body.details)) return [];
  return body.details.filter((d): d is string => typeof d === 'string');
}

/** The name of a check or blocker id in the console's language. */
export function checkLabel(id: string, translate: Translate): string {
  return (BLOCKER_IDS as readonly string[]).includes(id) ? translate(`app.checks.${id}`) : id;
}

/**
 * What to tell the user about a failed command: for failing checks the server's words (each
 * check's cause and next step, in the language the console asked for), else the checks by name;
 * the known conflicts in their language, otherwise the server's own message.
 */
export function describeApiError(error: unknown, translate: Translate): string {
  const body = apiErrorBody(error);
  const checks = failingChecks(error);
  if (checks.length && typeof body.message === 'string' && body.message) return body.message;
  if (checks.length) {
    return translate('app.errors.precondition_failed', { checks: checks.map((c) => checkLabel(c, translate)).join(translate('app.list_separator')) });
  }
  switch (body.code) {
    case 'version_conflict':
    case 'same_person':
    case 'invalid_transition':
    case 'exceeds_refundable':
    case 'forbidden':
    case 'unsupported_media_type':
    case 'payload_too_large':
      return translate(`app.errors.${body.code}`, { _: body.message ?? body.code });
    default:
      break;
  }
  if (body.message) return body.message;
  return error instanceof Error ? error.message : String(error);
}
