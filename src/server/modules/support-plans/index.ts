// Support plans' public face: the routes, the case type's name and the event a plan's opening publishes.
export { supportPlanRoutes } from './support-plans.routes';
export { SUPPORT_PLAN_CASE_TYPE } from './support-plans.cases';
export { supportPlanOpened } from './support-plans.events';
