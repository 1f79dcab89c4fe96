// Funds and disbursement's public face: the routes, the case type's name, and the function the
// assistance module's `assistanceApproved` subscriber calls to register a payable.
export { fundRoutes } from './funds.routes';
export { PAYMENT_BATCH_CASE_TYPE } from './funds.cases';
export { registerPayableIn, type PayableInput } from './funds.service';
