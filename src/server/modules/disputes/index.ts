// Disputes' public face.
import './disputes.figures';
export { disputeRoutes } from './disputes.routes';
export { submittedSummariesUnder, unitInScope } from './disputes.repo';
export { DISPUTE_CASE_TYPE, disputePayload, type DisputePayload } from './disputes.cases';
