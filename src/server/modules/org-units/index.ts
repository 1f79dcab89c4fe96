// Org units' public face: the routes, the unit reads other modules use, and the unscoped writers of cli/.
export { orgUnitRoutes } from './org-units.routes';
export { requireUnit } from './org-units.service';
export {
  containsText,
  findUnitByCodeUnscoped,
  insertUnitsUnscoped,
  type NewOrgUnit,
  listChildrenUnscoped,
  listUnits,
  reparentUnscoped,
  setUnitContactsUnscoped,
  updateUnitNameUnscoped,
} from './org-units.repo';
