// Appointments' public face: the routes, the catalog hook, and the completion that applications calls.
export { appointmentRoutes } from './appointments.routes';
export { useServiceCatalog, type ServiceCatalog } from './appointments.catalog';
export { completeAppointmentWithApplication } from './appointments.service';
