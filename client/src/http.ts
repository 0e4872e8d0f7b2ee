import { fetchUtils, HttpError } from 'react-admin';
import { fetchMe, getCsrfToken } from './session';
import { i18nProvider } from './i18n';
import { noteServerDate } from './common/serverClock';

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

function isCsrfFailure(error: unknown): boolean {
  return error instanceof HttpError && error.status === 403 && error.body?.code === 'csrf_failed';
}

function send(url: string, options: fetchUtils.Options) {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  // Lets the server answer its messages in the console's language if it wants to.
  headers.set('Accept-Language', i18nProvider.getLocale());
  const method = (options.method ?? 'GET').toUpperCase();
  const token = getCsrfToken();
  if (!SAFE_METHODS.includes(method) && token) headers.set('X-CSRF-Token', token);
  return fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' }).then((answer) => {
    noteServerDate(answer.headers.get('Date'));
    return answer;
  });
}

/**
 * Every call to the API goes through here: the session cookie is sent, changes carry the
 * CSRF token, and an error answer `{message, code, details?}` becomes an HttpError whose
 * `message` react-admin shows and whose `body` keeps `code` and `details`.
 *
 * A `csrf_failed` answer means the token we hold is stale (another tab signed in again, or
 * the session was renewed); the server refused before doing anything, so we fetch the
 * current token once and try again.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  try {
    return await send(url, options);
  } catch (error) {
    if (!isCsrfFailure(error)) throw error;
    try {
      await fetchMe();
    } catch {
      throw error;
    }
    return send(url, options);
  }
}

/** The `code` of an API error answer (see shared/error-codes.ts), if there is one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof HttpError ? error.body?.code : undefined;
}
