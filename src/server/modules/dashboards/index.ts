// Dashboards' public face: the routes, the monthly figures' job (app.ts starts it with the jobs)
// and its writer (tests, the bench).
export { dashboardRoutes } from './dashboards.routes';
export { startFigureMonthsJob, writeFigureMonths } from './figure-months.job';
