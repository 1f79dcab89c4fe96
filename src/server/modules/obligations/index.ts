// Obligations' public face: the routes (definitions, owed, records, reporting rate, ledger, ledgers'
// responsible persons); importing it registers the obligation figures and subscribes obligations to the
// events that fulfil them elsewhere (a hard problem's monthly review, a semi-annual summary's submission).
import './obligations.figures';
import { subscribeObligations } from './obligations.subscriptions';

subscribeObligations();

export { obligationsRoutes } from './obligations.routes';
// the reporting rate's grouped query, for bench/obligations-bench.ts
export { reportingGroups } from './obligations.repo';
// the daily notifications' reminder to an upper unit about its late children
export { lateChildrenOf, type LateChildren } from './obligations.late-children';
// recording a period's record through the service (the demo seeder records the way the app does)
export { createRecord as createObligationRecord } from './obligations.service';
