// The public service portal's public face: the routes (feedback box, service commitments and supervisors).
import './feedback.figures';
export { feedbackRoutes } from './feedback.routes';
