// Employment's public face: the routes and the case type's name. Importing it subscribes
// employment to visits' `visitRecorded` (a visit's 就业状况 finding confirms the profile).
import './employment.figures';
import { subscribeEmployment } from './employment.subscriptions';
import './employment.cases';

subscribeEmployment();

export { employmentRoutes } from './employment.routes';
export { visibleEmployers } from './employment.service';
export { JOB_RECOMMENDATION_CASE_TYPE } from '../../../shared/schemas/employment';
export { employerForLink, openingsForLink } from './employment.repo';
