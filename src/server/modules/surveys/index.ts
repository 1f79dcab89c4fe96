// Satisfaction surveys' public face: the routes (questionnaires, runs, invitations, the public
// answering page, the 我的 section) and the figures surveys.satisfaction and surveys.responseRate.
import './surveys.figures';
export { surveysRoutes } from './surveys.routes';
