// Applications' public face: routes, the event other modules subscribe to, and what a visit's
// follow-up needs to pass on to an application.
export { applicationRoutes } from './applications.routes';
export { applicationMaterialRoutes } from './applications.materials.routes';
/** the content check of an uploaded scan or photo (type, size), shared by other modules' evidence and case-material files */
export { materialBytes } from './applications.materials';
export { applicationOpened } from './applications.events';
export { createApplication, applicationForLink, PLAQUE_FLOW_LINK } from './applications.service';
export { APPLICATION_CASE_TYPE, applicationCaseType } from './applications.cases';
export { applicationsOverviewSection } from './applications.overview';
/** the roll-up metrics of applications (the bench scales them after copying rows) */
export { APP_METRICS, LIST_WALK_AFTER } from './applications.repo';
export { applicationStandingOf, oneRunCounts, oneRunFiguresOf } from './applications.figures';
/** the people who applied in a range and period (a satisfaction survey's population) */
export { recipientsAppliedUnscoped } from './applications.repo';
