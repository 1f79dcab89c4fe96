// Assistance's public face: the routes, the case type's name and the events an application's
// opening, approval and the end of its 公示 publish (funds subscribes to assistanceAidDue).
import './assistance.figures';
export { assistanceRoutes } from './assistance.routes';
export { ASSISTANCE_CASE_TYPE } from './assistance.cases';
export { assistanceAidDue, assistanceApproved, assistanceOpened } from './assistance.events';
export { approvedAidSummary } from './assistance.summary';
/** boot.ts: encrypts the narratives of applications written before migration 0036 */
export { sealAidNarratives } from './assistance.service';
