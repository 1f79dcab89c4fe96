// Health's public face.
export { pingUnscoped } from './health.repo';
