// Audit log reading's public face.
export { auditLogRoutes } from './audit-logs.routes';
export { auditActionLabel } from './audit-logs.labels';
