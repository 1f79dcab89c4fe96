// Evaluation's public face: the routes (indicator sets, rounds, evaluations, rectification items), the case types' names; importing it registers its figures.
import './evaluations.figures';

export { evaluationsRoutes } from './evaluations.routes';
export { EVALUATION_CASE_TYPE, RECTIFICATION_CASE_TYPE } from './evaluations.cases';
