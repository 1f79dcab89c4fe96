// The public directory's public face.
export { publicDirectoryRoutes } from './public-directory.routes';
