// Public accounts' public face: the routes and the public realm app.ts registers with platform/auth.
export { publicAccountRoutes } from './public-accounts.routes';
export { publicAccountRealm } from './public-auth';
