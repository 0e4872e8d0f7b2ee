import { useEffect, type ReactNode } from 'react';
import { Layout as RaLayout, useLocale, useLocation, useNavigate } from 'react-admin';
import { fetchMe, lastKnownMe, MFA_PAGE } from '../session';
import { AppBar } from './AppBar';
import { Menu } from './Menu';
import { useMe } from '../common/useRole';
import { useLiveEvents } from '../live/useLiveEvents';

export const Layout = ({ children }: { children: ReactNode }) => {
  const locale = useLocale();
  // Screen readers, hyphenation and the browser's choice of CJK glyphs follow the page language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // An account that must enrol a second factor can do nothing else (the server answers 403
  // mfa_enrolment_required): whatever page it opens, it is sent to enrolment.
  // One event stream per tab while signed in: pages and lists refresh when a request changes.
  useLiveEvents(Boolean(useMe()));
  const { pathname } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (pathname === MFA_PAGE) return;
    const known = lastKnownMe(); // checkAuth refreshes it on every page: no request of our own once known
    (known ? Promise.resolve(known) : fetchMe()).then((me) => me.mfaEnrolmentRequired && navigate(MFA_PAGE), () => undefined);
  }, [pathname, navigate]);
  return <RaLayout appBar={AppBar} menu={Menu}>{children}</RaLayout>;
};
