// Party members' public face: the routes (branches, members, organisation transfers, settings, branch meetings, volunteer teams) and the case type's name.
import './party.figures';
export { partyRoutes } from './party.routes';
export { PARTY_TRANSFER_CASE_TYPE } from './party.cases';
