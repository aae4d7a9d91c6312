import type { ComponentType, ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { AppLayout } from './components/AppLayout';
import { Forbidden } from './components/Forbidden';
import { NotBuilt } from './components/NotBuilt';
import { useSession } from './lib/session';
import type { Permission } from './lib/types';
import { canSee, NAV, PLANNED_ITEMS, visibleNav } from './nav';
import { LoginPage } from './pages/LoginPage';
import { TotpEnrolPage } from './pages/TotpEnrolPage';
import { PatientListPage } from './pages/patients/PatientListPage';
import { PatientRegisterPage } from './pages/patients/PatientRegisterPage';
import { PatientDetailPage } from './pages/patients/PatientDetailPage';
import { UsersPage } from './pages/admin/UsersPage';
import { ProvidersPage } from './pages/admin/ProvidersPage';
import { LocationsPage } from './pages/admin/LocationsPage';
import { AuditPage } from './pages/compliance/AuditPage';
import { CalendarPage } from './pages/schedule/CalendarPage';
import { CheckInBoardPage } from './pages/schedule/CheckInBoardPage';
import { WaitlistPage } from './pages/schedule/WaitlistPage';
import { ScheduleSetupPage } from './pages/schedule/ScheduleSetupPage';
import { ScheduleReportsPage } from './pages/schedule/ScheduleReportsPage';
import { AppointmentLinkPage } from './pages/public/AppointmentLinkPage';
import { ChargesPage } from './pages/billing/ChargesPage';
import { ClaimsPage } from './pages/billing/ClaimsPage';
import { ClaimDetailPage } from './pages/billing/ClaimDetailPage';
import { BillingSetupPage } from './pages/billing/BillingSetupPage';
import { RemittancesPage } from './pages/billing/RemittancesPage';
import { RemittanceDetailPage } from './pages/billing/RemittanceDetailPage';
import { ArAgingPage } from './pages/billing/ArAgingPage';
import { RevenueCyclePage } from './pages/billing/RevenueCyclePage';
import { MoneyReportPage } from './pages/billing/MoneyReportPage';
import { DenialsReportPage } from './pages/billing/DenialsReportPage';
import { CollectionsReportPage } from './pages/billing/CollectionsReportPage';
import { DenialsPage } from './pages/billing/DenialsPage';
import { UnderpaymentsPage } from './pages/billing/UnderpaymentsPage';
import { PostingExceptionsPage } from './pages/billing/PostingExceptionsPage';
import { StatementsPage } from './pages/billing/StatementsPage';
import { CapitationPage } from './pages/billing/CapitationPage';
import { CapitationContractPage } from './pages/billing/CapitationContractPage';
import { CapitationRevenuePage } from './pages/billing/CapitationRevenuePage';

/** Pages for people who are not staff (patients): no sign-in, outside the app's shell. */
const PUBLIC_PAGES: { path: string; Page: ComponentType }[] = [{ path: '/appointment-link', Page: AppointmentLinkPage }];

export function isPublicPath(pathname: string): boolean {
  const p = pathname.replace(/\/+$/, '') || '/';
  return PUBLIC_PAGES.some((x) => x.path === p);
}

/** The app for public pages: rendered without the session (main.tsx chooses it by path). */
export function PublicApp() {
  return (
    <Routes>
      {PUBLIC_PAGES.map(({ path, Page }) => (
        <Route key={path} path={path} element={<Page />} />
      ))}
    </Routes>
  );
}

function FullPageLoader() {
  return (
    <Center mih="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function RequireAuth({ children, enrolment = false }: { children: ReactNode; enrolment?: boolean }) {
  const session = useSession();
  const location = useLocation();
  if (session.state.status === 'loading') return <FullPageLoader />;
  if (session.state.status === 'anon') {
    // After an idle or expired logoff, do not remember the page (it may show PHI in its URL).
    const from = session.state.reason ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : undefined} />;
  }
  if (session.enrolmentRequired && !enrolment) return <Navigate to="/enrol-totp" replace />;
  return <>{children}</>;
}

function Guard({ permission, what, children }: { permission: Permission; what: string; children: ReactNode }) {
  const session = useSession();
  return session.can(permission) ? <>{children}</> : <Forbidden what={what} />;
}

/** Roles whose work starts elsewhere than the first area of the navigation. */
const LANDING: { role: string; path: string }[] = [{ role: 'biller', path: '/billing/claims' }];

/** Land where the work is: the role's worklist, else the first built area this user may open. */
function Home() {
  const session = useSession();
  const sections = visibleNav(session);
  const items = sections.flatMap((s) => s.items);
  const landing = LANDING.find((l) => session.hasRole(l.role) && items.some((i) => i.path === l.path && !i.planned));
  const first = landing ?? items.find((i) => !i.planned) ?? items[0];
  if (!first)
    return (
      <Stack>
        <Title order={1} size="h2">
          Welcome
        </Title>
        <Text>Your account has no roles yet. Ask your practice administrator to give you access.</Text>
      </Stack>
    );
  return <Navigate to={first.path} replace />;
}

function NotFound() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Page not found
      </Title>
      <Text>There is nothing at this address. Use the navigation on the left.</Text>
    </Stack>
  );
}

function PlannedPage({ path }: { path: string }) {
  const session = useSession();
  const item = PLANNED_ITEMS.find((i) => i.path === path)!;
  if (!canSee(item, session)) return <Forbidden what={item.label} />;
  const section = NAV.find((s) => s.items.includes(item));
  const title = section && section.label !== item.label ? `${section.label}: ${item.label}` : item.label;
  return <NotBuilt title={title} planned={item.planned!} />;
}

/** The built pages, each behind the permission it needs; `what` ends "Your role does not allow you to open …". */
const GUARDED_PAGES: { path: string; permission: Permission; what: string; Page: ComponentType }[] = [
  { path: 'schedule', permission: 'schedule.read', what: 'the calendar', Page: CalendarPage },
  { path: 'schedule/board', permission: 'schedule.read', what: 'the check-in board', Page: CheckInBoardPage },
  { path: 'schedule/waitlist', permission: 'schedule.read', what: 'the waitlist', Page: WaitlistPage },
  { path: 'schedule/setup', permission: 'schedule.setup', what: 'schedule setup', Page: ScheduleSetupPage },
  { path: 'schedule/reports', permission: 'schedule.reports', what: 'schedule reports', Page: ScheduleReportsPage },
  { path: 'patients', permission: 'patient.read', what: 'patients', Page: PatientListPage },
  { path: 'patients/new', permission: 'patient.write', what: 'patient registration', Page: PatientRegisterPage },
  { path: 'patients/:id', permission: 'patient.read', what: 'this patient', Page: PatientDetailPage },
  { path: 'billing/charges', permission: 'charge.write', what: 'charge entry', Page: ChargesPage },
  { path: 'billing/claims', permission: 'billing.read', what: 'claims', Page: ClaimsPage },
  { path: 'billing/claims/:id', permission: 'billing.read', what: 'this claim', Page: ClaimDetailPage },
  { path: 'billing/remittances', permission: 'billing.read', what: 'remittances', Page: RemittancesPage },
  { path: 'billing/remittances/:id', permission: 'billing.read', what: 'this remittance', Page: RemittanceDetailPage },
  { path: 'billing/ar/aging', permission: 'billing.read', what: 'the A/R aging', Page: ArAgingPage },
  { path: 'billing/ar/kpis', permission: 'billing.read', what: 'the revenue-cycle indicators', Page: RevenueCyclePage },
  { path: 'billing/ar/money', permission: 'billing.read', what: 'the money report', Page: MoneyReportPage },
  { path: 'billing/ar/denials-report', permission: 'billing.read', what: 'the denial report', Page: DenialsReportPage },
  { path: 'billing/ar/collections', permission: 'billing.read', what: 'the collections report', Page: CollectionsReportPage },
  { path: 'billing/ar/denials', permission: 'billing.read', what: 'the denials', Page: DenialsPage },
  { path: 'billing/ar/underpayments', permission: 'billing.read', what: 'the underpayments', Page: UnderpaymentsPage },
  { path: 'billing/ar/exceptions', permission: 'billing.read', what: 'the posting exceptions', Page: PostingExceptionsPage },
  { path: 'billing/ar/capitation', permission: 'billing.read', what: 'capitation', Page: CapitationPage },
  { path: 'billing/ar/capitation/revenue', permission: 'billing.read', what: 'capitation revenue per member', Page: CapitationRevenuePage },
  { path: 'billing/ar/capitation/:id', permission: 'billing.read', what: 'this capitation contract', Page: CapitationContractPage },
  { path: 'billing/ar/statements', permission: 'claim.write', what: 'statement runs', Page: StatementsPage },
  { path: 'billing/setup', permission: 'billing.setup', what: 'billing setup', Page: BillingSetupPage },
  { path: 'admin/users', permission: 'user.read', what: 'users', Page: UsersPage },
  { path: 'admin/providers', permission: 'provider.read', what: 'providers', Page: ProvidersPage },
  { path: 'admin/locations', permission: 'location.read', what: 'locations', Page: LocationsPage },
  { path: 'compliance/audit', permission: 'audit.read', what: 'the audit trail', Page: AuditPage },
];

/** Group roots and former addresses, and where they lead. */
const REDIRECTS: { from: string; to: string }[] = [
  { from: 'billing/ar', to: '/billing/ar/aging' },
  { from: 'billing/statements', to: '/billing/ar/statements' },
];

export function App() {
  return (
    <Routes>
      {/* Also reachable inside the signed-in app (never behind the sign-in guard). */}
      {PUBLIC_PAGES.map(({ path, Page }) => (
        <Route key={path} path={path} element={<Page />} />
      ))}
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/enrol-totp"
        element={
          <RequireAuth enrolment>
            <TotpEnrolPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        {REDIRECTS.map(({ from, to }) => (
          <Route key={from} path={from} element={<Navigate to={to} replace />} />
        ))}
        {GUARDED_PAGES.map(({ path, permission, what, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <Guard permission={permission} what={what}>
                <Page />
              </Guard>
            }
          />
        ))}
        {PLANNED_ITEMS.map((i) => (
          <Route key={i.path} path={i.path.slice(1)} element={<PlannedPage path={i.path} />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
