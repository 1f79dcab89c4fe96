// Assistance's public face: the routes, the case type's name and the events an application's
// opening and approval publish (the funds side subscribes to assistanceApproved).
export { assistanceRoutes } from './assistance.routes';
export { ASSISTANCE_CASE_TYPE } from './assistance.cases';
export { assistanceApproved, assistanceOpened } from './assistance.events';
export { approvedAidSummary } from './assistance.summary';
