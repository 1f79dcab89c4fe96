// Disputes' public face.
export { disputeRoutes } from './disputes.routes';
export { unitInScope } from './disputes.repo';
export { ledgerStream } from './ledger-writer';
