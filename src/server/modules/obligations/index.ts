// Obligations' public face: the routes (definitions, owed, records, reporting rate, ledger, ledgers'
// responsible persons); importing it registers the obligation figures.
import './obligations.figures';

export { obligationsRoutes } from './obligations.routes';
// the reporting rate's grouped query, for bench/obligations-bench.ts
export { reportingGroups } from './obligations.repo';
// recording a period's record through the service (the demo seeder records the way the app does)
export { createRecord as createObligationRecord } from './obligations.service';
