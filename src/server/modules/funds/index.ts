// Funds and disbursement's public face: the routes, the case type's name, and registerPayableIn
// for a module that owes a payment. Importing it subscribes funds to assistance's assistanceAidDue
// (funds.subscriptions.ts): aid whose 公示 has ended becomes payables.
import './funds.figures';
import { subscribeFunds } from './funds.subscriptions';

subscribeFunds();

export { fundRoutes } from './funds.routes';
export { PAYMENT_BATCH_CASE_TYPE } from './funds.cases';
export { registerPayableIn, type PayableInput } from './funds.service';
