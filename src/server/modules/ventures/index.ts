// Ventures' public face: the routes (ventures, mentors, zero-employment households) and the case type's name.
import './ventures.figures';
import './ventures.cases';

export { ventureRoutes } from './ventures.routes';
export { ZERO_EMPLOYMENT_CASE_TYPE } from '../../../shared/schemas/ventures';
