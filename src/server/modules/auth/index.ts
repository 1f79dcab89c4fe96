// Staff sign-in's public face: the routes and the staff realm app.ts registers with platform/auth.
export { authRoutes } from './auth.routes';
export { staffRealm, authContextFromRow, reloadAuth } from './auth.realm';
