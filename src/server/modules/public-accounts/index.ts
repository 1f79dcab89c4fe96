// Public accounts' public face: the routes and the public realm app.ts registers with platform/auth.
export { publicAccountRoutes } from './public-accounts.routes';
export { publicAccountRealm } from './public-auth';
// the public session of a request, for other modules' `publicAccount` routes (feedback, appointments)
export { requirePublicAuth, type PublicAuthContext } from './public-auth';
export { accountForUse } from './public-accounts.service';
