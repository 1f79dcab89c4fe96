// Routes: sign-in steps under /login, the public directory under /public (no sign-in), and the
// app itself, whose pages come from the declared module list.
import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { modules } from './modules';
import { RequirePermission, RequireSession } from './components/session';
import { AppLayout } from './pages/layout/app-layout';
import { AuthLayout } from './pages/auth/auth-layout';
import { LoginPage } from './pages/auth/login-page';
import { NotFoundPage } from './pages/not-found-page';

function lazyNamed<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const TotpPage = lazyNamed(() => import('./pages/auth/totp-page'), 'TotpPage');
const TotpEnrolPage = lazyNamed(() => import('./pages/auth/totp-enrol-page'), 'TotpEnrolPage');
const ChangePasswordPage = lazyNamed(() => import('./pages/auth/change-password-page'), 'ChangePasswordPage');
const PublicLayout = lazyNamed(() => import('./pages/public/public-layout'), 'PublicLayout');
const PublicDirectoryPage = lazyNamed(() => import('./pages/public/public-directory-page'), 'PublicDirectoryPage');
const PublicUnitPage = lazyNamed(() => import('./pages/public/public-unit-page'), 'PublicUnitPage');
const PublicHonorWallPage = lazyNamed(() => import('./pages/public/public-honor-wall-page'), 'PublicHonorWallPage');
const PublicEvaluationResultsPage = lazyNamed(() => import('./pages/public/public-evaluation-results-page'), 'PublicEvaluationResultsPage');
const PublicAccountRegisterPage = lazyNamed(() => import('./pages/public/public-account-register-page'), 'PublicAccountRegisterPage');
const PublicAccountLoginPage = lazyNamed(() => import('./pages/public/public-account-login-page'), 'PublicAccountLoginPage');
const PetitionSubmitPage = lazyNamed(() => import('./pages/public/petition-submit-page'), 'PetitionSubmitPage');
const PetitionMinePage = lazyNamed(() => import('./pages/public/petition-mine-page'), 'PetitionMinePage');
const PetitionMineDetailPage = lazyNamed(() => import('./pages/public/petition-mine-page'), 'PetitionMineDetailPage');
const PetitionQueryPage = lazyNamed(() => import('./pages/public/petition-query-page'), 'PetitionQueryPage');
const PublicCatalogPage = lazyNamed(() => import('./pages/public/service-catalog-pages'), 'PublicCatalogPage');
const PublicServiceItemPage = lazyNamed(() => import('./pages/public/service-catalog-pages'), 'PublicServiceItemPage');
const PublicServiceItemPrintPage = lazyNamed(() => import('./pages/public/service-catalog-pages'), 'PublicServiceItemPrintPage');
const MyOverviewPage = lazyNamed(() => import('./pages/public/my-overview-page'), 'MyOverviewPage');
// the public service portal (issue 13)
const FeedbackSubmitPage = lazyNamed(() => import('./pages/public/feedback-submit-page'), 'FeedbackSubmitPage');
const FeedbackQueryPage = lazyNamed(() => import('./pages/public/feedback-query-page'), 'FeedbackQueryPage');
const ContactCardPage = lazyNamed(() => import('./pages/public/contact-card-page'), 'ContactCardPage');
const AppointmentBookPage = lazyNamed(() => import('./pages/public/appointment-book-page'), 'AppointmentBookPage');
const MyAppointmentsPage = lazyNamed(() => import('./pages/public/appointment-book-page'), 'MyAppointmentsPage');
const ApplicationApplyPage = lazyNamed(() => import('./pages/public/application-public-pages'), 'ApplicationApplyPage');
const MyApplicationPage = lazyNamed(() => import('./pages/public/application-public-pages'), 'MyApplicationPage');
const ApplicationQueryPage = lazyNamed(() => import('./pages/public/application-public-pages'), 'ApplicationQueryPage');
const AidDisclosurePage = lazyNamed(() => import('./pages/public/aid-disclosure-page'), 'AidDisclosurePage');
const MyAidsPage = lazyNamed(() => import('./pages/public/aid-apply-pages'), 'MyAidsPage');
const AidApplyPage = lazyNamed(() => import('./pages/public/aid-apply-pages'), 'AidApplyPage');
const MyAidPage = lazyNamed(() => import('./pages/public/aid-apply-pages'), 'MyAidPage');
const MyJobsPage = lazyNamed(() => import('./pages/public/job-pages'), 'MyJobsPage');
const MyJobPage = lazyNamed(() => import('./pages/public/job-pages'), 'MyJobPage');
const SurveyAnswerPage = lazyNamed(() => import('./pages/public/survey-answer-page'), 'SurveyAnswerPage');

const moduleRoutes: RouteObject[] = modules.map(({ path, permission, page: Page }) =>
  path === '/'
    ? { index: true, element: <Page /> }
    : {
        path: `${path.slice(1)}/*`,
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
      },
);

export const routes: RouteObject[] = [
  {
    path: '/login',
    element: <AuthLayout />,
    children: [
      { index: true, element: <LoginPage /> },
      { path: 'totp', element: <TotpPage /> },
      { path: 'totp-enrol', element: <TotpEnrolPage /> },
      { path: 'change-password', element: <ChangePasswordPage /> },
    ],
  },
  {
    path: '/public',
    element: <PublicLayout />,
    children: [
      { index: true, element: <PublicDirectoryPage /> },
      { path: 'units/:id', element: <PublicUnitPage /> },
      // 光荣墙/荣誉榜 (issue 15)
      { path: 'units/:id/honor-wall', element: <PublicHonorWallPage /> },
      // 考评结果公开 (issue 16, Part 12 四(五))
      { path: 'units/:id/evaluations', element: <PublicEvaluationResultsPage /> },
      // 一次性告知 (the unit's service catalog) and 我的 (issue 13)
      { path: 'units/:id/items', element: <PublicCatalogPage /> },
      { path: 'units/:id/items/:itemId', element: <PublicServiceItemPage /> },
      { path: 'units/:id/items/:itemId/print', element: <PublicServiceItemPrintPage /> },
      { path: 'me', element: <MyOverviewPage /> },
      { path: 'account/register', element: <PublicAccountRegisterPage /> },
      { path: 'account/login', element: <PublicAccountLoginPage /> },
      { path: 'petitions', element: <PetitionMinePage /> },
      { path: 'petitions/new', element: <PetitionSubmitPage /> },
      // the public service portal (issue 13)
      { path: 'units/:id/feedback', element: <FeedbackSubmitPage /> },
      { path: 'units/:id/card', element: <ContactCardPage /> },
      { path: 'feedback-query', element: <FeedbackQueryPage /> },
      { path: 'petitions/:id', element: <PetitionMineDetailPage /> },
      { path: 'petition-query', element: <PetitionQueryPage /> },
      { path: 'units/:id/book', element: <AppointmentBookPage /> },
      { path: 'appointments', element: <MyAppointmentsPage /> },
      // 在线申请, 我的办件 and 办件查询 (issue 13)
      { path: 'units/:id/items/:itemId/apply', element: <ApplicationApplyPage /> },
      { path: 'applications/:id', element: <MyApplicationPage /> },
      { path: 'application-query', element: <ApplicationQueryPage /> },
      // 帮扶援助公示 (issue 14)
      { path: 'units/:id/assistance', element: <AidDisclosurePage /> },
      // the veteran's own assistance applications (issue 14)
      { path: 'assistance', element: <MyAidsPage /> },
      { path: 'assistance/new', element: <AidApplyPage /> },
      { path: 'assistance/:id', element: <MyAidPage /> },
      // the veteran's matched openings and 我有意向 (issue 15)
      { path: 'jobs', element: <MyJobsPage /> },
      { path: 'jobs/:id', element: <MyJobPage /> },
      // 满意度调查 by its token, without a login (issue 16)
      { path: 'surveys/:token', element: <SurveyAnswerPage /> },
    ],
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [...moduleRoutes, { path: '*', element: <NotFoundPage /> }],
  },
];

export const router = createBrowserRouter(routes);
