// Dashboards' public face.
export { dashboardRoutes } from './dashboards.routes';
