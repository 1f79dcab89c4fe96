// Rights cases' public face: the routes, the case type's name and the event an opening publishes.
import './rights.figures';
export { rightsRoutes } from './rights.routes';
export { RIGHTS_CASE_TYPE } from './rights.cases';
export { rightsCaseOpened } from './rights.events';
