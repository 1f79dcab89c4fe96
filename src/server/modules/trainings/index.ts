// Job fairs and trainings' public face: the routes (fairs, trainings, enrolment, the adaptive-training
// coverage of this year's discharged, figures and ledgers).
import './trainings.figures';
export { trainingsRoutes } from './trainings.routes';
