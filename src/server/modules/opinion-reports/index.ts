// Opinion reports' public face.
export { opinionReportRoutes } from './opinion-reports.routes';
export { acknowledgeReport as acknowledgeOpinionReport, createReport as createOpinionReport, decideReport as decideOpinionReport } from './opinion-reports.service';
