// Legal aid's public face: the routes (legal aid and care records 关爱服务记录), the case type's name and the event a case's opening publishes.
import './legal-aid.figures';
export { legalAidRoutes } from './legal-aid.routes';
export { careRecordRoutes } from './care-records.routes';
export { LEGAL_AID_CASE_TYPE } from './legal-aid.cases';
export { legalAidOpened } from './legal-aid.events';
