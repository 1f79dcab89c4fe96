// The service catalog's public face: routes, the snapshot an application or booking keeps of its
// item, a unit's public catalog, and the starter items.
export { serviceItemRoutes } from './service-items.routes';
export { serviceItemForUse, publicCatalogOf, seedStarterItems } from './service-items.service';
export { starterItems, type StarterItem } from './service-items.starter';
