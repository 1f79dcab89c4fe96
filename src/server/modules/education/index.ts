// Education's public face: the routes (exemplars and their recommendation, activities and attendance, ledgers) and the case type's name.
import './education.figures';
export { educationRoutes } from './education.routes';
export { EXEMPLAR_CASE_TYPE } from './education.cases';
