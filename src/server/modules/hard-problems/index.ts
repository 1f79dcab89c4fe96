// Hard problems' public face: the routes (report, list, detail, actions, the monthly review list, the ledger) and the case type's name.
import './hard-problems.cases';
import './hard-problems.figures';
export { hardProblemRoutes } from './hard-problems.routes';
export { HARD_PROBLEM_CASE_TYPE } from './hard-problems.cases';
export { hardProblemArrived, hardProblemReviewed } from './hard-problems.events';
