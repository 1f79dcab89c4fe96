// Holidays' public face.
export { holidayRoutes } from './holidays.routes';
