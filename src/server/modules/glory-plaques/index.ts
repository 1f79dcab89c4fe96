// Glory plaques' public face.
export { gloryPlaqueRoutes } from './glory-plaques.routes';
