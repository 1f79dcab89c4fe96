// Visits' public face. Importing it subscribes visits to the registry's and petitions' events.
import './visits.figures';
import { subscribeVisits } from './visits.subscriptions';

subscribeVisits();

export { visitRoutes } from './visits.routes';
export { startVisitJob } from './visits.job';
export { visitFollowUpPassedOn, visitRecorded } from './visits.events';
export { followUpForPassOn, passOnFollowUpIn } from './visits.service';
export { generateForRange, recordTriggerIn } from './visits.generate';
export { countDueUnscoped, insertVisit, listDue, markDueDoneUnscoped } from './visits.repo';
/** the people visited in a range and period (a satisfaction survey's population) */
export { recipientsVisitedUnscoped } from './visits.repo';
