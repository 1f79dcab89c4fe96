// The semi-annual summary's public face: the routes and the case type's name.
export { summariesRoutes } from './summaries.routes';
export { SUMMARY_CASE_TYPE } from './summaries.cases';
