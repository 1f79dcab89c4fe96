// Staff accounts' public face.
export { staffRoutes } from './staff.routes';
export { countUsersUnscoped, insertUserUnscoped, usernameTakenUnscoped } from './staff.repo';
