// Opinion reports' public face.
export { opinionReportRoutes } from './opinion-reports.routes';
