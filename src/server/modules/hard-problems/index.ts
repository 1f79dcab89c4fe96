// Hard problems' public face: the routes (report, list, detail, actions, the monthly review list, the ledger) and the case type's name.
import './hard-problems.cases';
import './hard-problems.figures';
export { hardProblemRoutes } from './hard-problems.routes';
export { HARD_PROBLEM_CASE_TYPE } from './hard-problems.cases';
// reporting and acting through the service (the demo seeder moves problems the way the app does)
export { reportHardProblem, actOnHardProblem } from './hard-problems.service';
export { hardProblemArrived, hardProblemReviewed } from './hard-problems.events';
