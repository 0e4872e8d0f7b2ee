import { fetchUtils, HttpError } from 'react-admin';
import type { Role } from '@closure-desk/shared';

/** The signed-in staff member, as `POST /api/auth/login` and `GET /api/auth/me` answer it. */
export interface StaffIdentity {
  id: number;
  email: string;
  fullName: string;
  role: Role;
}

/** The second factor of the signed-in staff member (API.md "Second factor"). */
export interface MfaStatus {
  mfaEnabled: boolean;
  mfaRequired: boolean;
  /** The role needs a second factor and the account has none: only the enrolment page works. */
  mfaEnrolmentRequired: boolean;
}

export interface SessionBody extends Partial<MfaStatus> {
  user: StaffIdentity;
  csrfToken: string;
}

/** Where an account that must enrol a second factor is sent (SecondFactorPage). */
export const MFA_PAGE = '/two-step-sign-in';

export const API_URL = '/api';

// sessionStorage, not localStorage: the token lives as long as the tab, survives a reload,
// and is never shared with a tab that did not sign in (that one refreshes it from /me).
const TOKEN_KEY = 'closureDesk.csrfToken';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled by the browser: we fall back to refreshing from /me
  }
}

let memoryToken: string | null = null;
let inFlight: Promise<StaffIdentity & MfaStatus> | null = null;

export function getCsrfToken(): string | null {
  return storage()?.getItem(TOKEN_KEY) ?? memoryToken;
}

export function hadSession(): boolean {
  return getCsrfToken() != null;
}

let lastMe: (StaffIdentity & MfaStatus) | null = null;

/** What the last sign-in or `/auth/me` answered, without asking again (null before the first). */
export const lastKnownMe = () => lastMe;

export function saveSession(body: SessionBody): StaffIdentity & MfaStatus {
  memoryToken = body.csrfToken;
  storage()?.setItem(TOKEN_KEY, body.csrfToken);
  return (lastMe = {
    ...body.user,
    mfaEnabled: body.mfaEnabled === true,
    mfaRequired: body.mfaRequired === true,
    mfaEnrolmentRequired: body.mfaEnrolmentRequired === true,
  });
}

export function clearSession(): void {
  memoryToken = null;
  lastMe = null;
  inFlight = null;
  storage()?.removeItem(TOKEN_KEY);
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof HttpError && error.status === 401;
}

/**
 * `GET /api/auth/session`: checks the session and refreshes the CSRF token (signed out: a 401 HttpError, made here).
 * React-admin asks checkAuth, getIdentity and getPermissions at nearly the same moment on
 * every page; concurrent callers share one request.
 */
export function fetchMe(): Promise<StaffIdentity & MfaStatus> {
  if (!inFlight) {
    inFlight = fetchUtils
      .fetchJson(`${API_URL}/auth/session`, {
        credentials: 'same-origin',
        headers: new Headers({ Accept: 'application/json' }),
      })
      .then(({ json }) => {
        // 200 either way, so a signed-out visit logs no failed request; the callers still see a 401.
        if ((json as { signedIn?: boolean }).signedIn !== true) throw new HttpError('Please sign in', 401, { code: 'unauthenticated' });
        return saveSession(json as SessionBody);
      })
      .catch((error: unknown) => {
        if (isUnauthenticated(error)) clearSession();
        throw error;
      })
      .finally(() => {
        inFlight = null;
      });
  }
  return inFlight;
}
