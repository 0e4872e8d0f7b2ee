import { CssBaseline } from '@mui/material';
import { AdminContext, CoreAdminUI, CustomRoutes, Error as ErrorPage, Loading, LoadingPage, Notification, Resource } from 'react-admin';
import { Route } from 'react-router';
import auditEvents from './audit-events';
import { authProvider } from './authProvider';
import balanceEntries from './balance-entries';
import bills from './bills';
import closureRequests from './closure-requests';
import customers from './customers';
import { dataProvider } from './dataProvider';
import esimProfiles from './esim-profiles';
import { i18nProvider } from './i18n';
import { AppTitle } from './layout/AppTitle';
import { LoginPage } from './layout/LoginPage';
import { MFA_PAGE } from './session';
import { darkTheme, lightTheme } from './layout/themes';
import notifications from './notifications';
import { canEditSettings, canReadAuditEvents, canReadSettings, canReadStaffUsers, canVerifyEvidence } from './permissions';
import refunds from './refunds';
import settings from './settings';
import staffUsers from './staff-users';
import { createStore } from './store';
import { lazyPage } from './common/lazyPage';
import { Suspense, type ReactNode } from 'react';

const Dashboard = lazyPage(() => import('./dashboard/Dashboard'), 'Dashboard');
const ChangePasswordPage = lazyPage(() => import('./layout/ChangePasswordPage'), 'ChangePasswordPage');
const EnrolPage = lazyPage(() => import('./layout/EnrolPage'), 'EnrolPage');
const SecondFactorPage = lazyPage(() => import('./layout/SecondFactorPage'), 'SecondFactorPage');
const AppLayout = lazyPage(() => import('./layout/Layout'), 'Layout');
const VerifyEvidencePage = lazyPage(() => import('./evidence/VerifyEvidencePage'), 'VerifyEvidencePage');
const NotPermitted = lazyPage(() => import('./layout/NotPermitted'), 'NotPermitted');
// Shown inside the signed-in layout (its <Suspense> shows the loader while they load).
const NotFound = lazyPage(() => import('./layout/raPages'), 'NotFound');
const AccessDenied = lazyPage(() => import('./layout/raPages'), 'AccessDenied');
const AuthenticationError = lazyPage(() => import('./layout/raPages'), 'AuthenticationError');
/** The signed-in frame (app bar, menu, user menu, sessions dialog) is not needed by the login page either. */
const Layout = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>
    <AppLayout>{children}</AppLayout>
  </Suspense>
);
/** One store for the app and for main.tsx, which reads the desk's language from it before the first render. */
export const store = createStore();

/**
 * React-admin's <Admin> is <AdminContext> around <AdminUI>, and <AdminUI> is <CoreAdminUI> with
 * react-admin's default pages (its layout with app bar, sidebar, menus and the preferences
 * inspector, not-found, access-denied...) as default props: bundled with the login page although
 * we replace or never show them on it (issue 19: ~20 KB brotli). So the console composes the same
 * three parts itself, as react-admin's docs show for <Admin>, with each page we show after sign-in
 * loaded lazily. The error page stays in the first chunk: it must show when a chunk fails to load.
 */
const Lazy = ({ children }: { children: ReactNode }) => <Suspense fallback={<Loading />}>{children}</Suspense>;
const NotFoundPage = () => <Lazy><NotFound /></Lazy>;
const AccessDeniedPage = () => <Lazy><AccessDenied /></Lazy>;
const AuthenticationErrorPage = () => <Lazy><AuthenticationError /></Lazy>;

export const App = () => (
  <AdminContext
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    store={store}
    theme={lightTheme}
    darkTheme={darkTheme}
  >
    <CssBaseline enableColorScheme>
      <CoreAdminUI
        title={<AppTitle />}
        dashboard={Dashboard}
        layout={Layout}
        loginPage={LoginPage}
        loading={LoadingPage}
        error={ErrorPage}
        catchAll={NotFoundPage}
        accessDenied={AccessDeniedPage}
        authenticationError={AuthenticationErrorPage}
        // No identity provider redirects back here (sign-in is our own form): no /auth-callback route.
        authCallbackPage={false}
        requireAuth
        disableTelemetry
      >
        {/* The link of an enrolment e-mail: no session yet, so no layout and no sign-in required. */}
        <CustomRoutes noLayout>
          <Route path="/enrol/:token" element={<Suspense fallback={null}><EnrolPage /></Suspense>} />
        </CustomRoutes>
        <CustomRoutes>
          <Route path="/password" element={<ChangePasswordPage />} />
        </CustomRoutes>
        {(role) => (
          <>
            <CustomRoutes>
              <Route path={MFA_PAGE} element={<SecondFactorPage />} />
              {canVerifyEvidence(role) ? <Route path="/verify-evidence" element={<VerifyEvidencePage />} /> : null}
              {/* Pages this role may not open say so, rather than "Page not found". */}
              {!canReadAuditEvents(role) ? <Route path="/audit-events/*" element={<NotPermitted page="resources.audit-events.name" />} /> : null}
              {!canReadStaffUsers(role) ? <Route path="/staff-users/*" element={<NotPermitted page="resources.staff-users.name" />} /> : null}
              {!canReadSettings(role) ? <Route path="/settings/*" element={<NotPermitted page="resources.settings.name" />} /> : null}
            </CustomRoutes>
            <Resource name="closure-requests" {...closureRequests} />
            <Resource name="customers" {...customers} />
            <Resource name="bills" {...bills} />
            <Resource name="balance-entries" {...balanceEntries} />
            <Resource name="esim-profiles" {...esimProfiles} />
            <Resource name="refunds" {...refunds} />
            <Resource name="notifications" {...notifications} />
            {canReadAuditEvents(role) ? <Resource name="audit-events" {...auditEvents} /> : null}
            {canReadStaffUsers(role) ? <Resource name="staff-users" {...staffUsers} /> : null}
            {canReadSettings(role) ? (
              <Resource name="settings" {...settings} edit={canEditSettings(role) ? settings.edit : undefined} />
            ) : null}
          </>
        )}
      </CoreAdminUI>
      <Notification />
    </CssBaseline>
  </AdminContext>
);
