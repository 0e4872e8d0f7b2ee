import { Admin, CustomRoutes, Loading, Resource } from 'react-admin';
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
import { NotPermitted } from './layout/NotPermitted';
import { MFA_PAGE } from './session';
import { VerifyEvidencePage } from './evidence/VerifyEvidencePage';
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
/** The signed-in frame (app bar, menu, user menu, sessions dialog) is not needed by the login page either. */
const Layout = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>
    <AppLayout>{children}</AppLayout>
  </Suspense>
);
/** One store for the app and for main.tsx, which reads the desk's language from it before the first render. */
export const store = createStore();

export const App = () => (
  <Admin
    title={<AppTitle />}
    dashboard={Dashboard}
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    store={store}
    layout={Layout}
    loginPage={LoginPage}
    theme={lightTheme}
    darkTheme={darkTheme}
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
  </Admin>
);
