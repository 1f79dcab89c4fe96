// Appointments' public face: the routes, and the completion that applications calls.
export { appointmentRoutes } from './appointments.routes';
export { completeAppointmentWithApplication } from './appointments.service';
export { appointmentsOverviewSection } from './appointments.overview';
export { bookingCounts, bookingFiguresOf } from './appointments.figures';
