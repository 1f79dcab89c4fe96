// The semi-annual summary's public face: the routes, the case type's name and its review event.
export { summariesRoutes } from './summaries.routes';
export { SUMMARY_CASE_TYPE } from './summaries.cases';
export { summaryReviewed, type SummaryStep } from './summaries.events';
