// Legal aid's public face: the routes, the case type's name and the event a case's opening publishes.
export { legalAidRoutes } from './legal-aid.routes';
export { LEGAL_AID_CASE_TYPE } from './legal-aid.cases';
export { legalAidOpened } from './legal-aid.events';
