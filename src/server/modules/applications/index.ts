// Applications' public face: routes, the event other modules subscribe to, and what a visit's
// follow-up needs to pass on to an application.
export { applicationRoutes } from './applications.routes';
export { applicationOpened } from './applications.events';
export { createApplication, applicationForLink, PLAQUE_FLOW_LINK } from './applications.service';
export { APPLICATION_CASE_TYPE, applicationCaseType } from './applications.cases';
export { applicationsOverviewSection } from './applications.overview';
export { applicationStandingOf, oneRunCounts, oneRunFiguresOf } from './applications.figures';
