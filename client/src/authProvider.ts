import { HttpError, type AuthProvider } from 'react-admin';
import { httpClient } from './http';
import {
  API_URL,
  clearSession,
  fetchMe,
  getCsrfToken,
  hadSession,
  isUnauthenticated,
  MFA_PAGE,
  saveSession,
  type SessionBody,
} from './session';

interface LoginParams {
  /** React-admin's default login form names the field `username`; ours is an e-mail address. */
  username?: string;
  email?: string;
  password: string;
  /** A TOTP or recovery code: sent once the server answered 401 `mfa_required` (LoginPage asks for it). */
  otp?: string;
  /** An enrolment link's token (`#/enrol/<token>`): sets the first password and signs in. */
  enrolmentToken?: string;
}

export const authProvider: AuthProvider = {
  async login({ username, email, password, otp, enrolmentToken }: LoginParams) {
    const { json } = enrolmentToken
      ? await httpClient(`${API_URL}/auth/enrol`, { method: 'POST', body: JSON.stringify({ token: enrolmentToken, password }) })
      : await httpClient(`${API_URL}/auth/login`, {
          method: 'POST',
          body: JSON.stringify({ email: (email ?? username ?? '').trim(), password, ...(otp?.trim() ? { otp: otp.trim() } : {}) }),
        });
    const me = saveSession(json as SessionBody);
    // A role that needs a second factor and has none can only enrol: straight to that page.
    return me.mfaEnrolmentRequired ? { redirectTo: MFA_PAGE } : undefined;
  },

  async logout() {
    // React-admin also calls logout after a failed checkAuth; with no session there is nothing to end.
    if (getCsrfToken()) {
      try {
        await httpClient(`${API_URL}/auth/logout`, { method: 'POST' });
      } catch {
        // Already signed out on the server (expired session): nothing left to end.
      }
    }
    clearSession();
  },

  async checkAuth() {
    const signedInBefore = hadSession();
    try {
      await fetchMe();
    } catch (error) {
      if (!isUnauthenticated(error)) return; // server unreachable: let the pages say so
      // A first visit goes to the login page quietly; an expired session says why.
      throw signedInBefore ? { message: 'ra.notification.logged_out' } : { message: false };
    }
  },

  async checkError(error: unknown) {
    const status = error instanceof HttpError ? error.status : (error as { status?: number })?.status;
    if (status === 401) {
      clearSession();
      throw { message: 'ra.notification.logged_out' };
    }
    if (status === 403 && (error as HttpError)?.body?.code === 'mfa_enrolment_required') {
      throw { logoutUser: false, redirectTo: MFA_PAGE, message: false };
    }
    // 403 (forbidden, csrf_failed, same_person) keeps the session: the page shows the message.
  },

  async getIdentity() {
    const user = await fetchMe();
    return { id: user.id, fullName: user.fullName, email: user.email, role: user.role, mfaEnabled: user.mfaEnabled };
  },

  async getPermissions() {
    try {
      return (await fetchMe()).role;
    } catch (error) {
      if (isUnauthenticated(error)) return undefined; // on the login page: no role yet
      throw error;
    }
  },
};
