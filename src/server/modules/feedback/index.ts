// The public service portal's public face: the routes (feedback box, service commitments and supervisors).
export { feedbackRoutes } from './feedback.routes';
