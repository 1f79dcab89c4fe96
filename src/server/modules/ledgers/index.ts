// Ledgers' public face: the routes and the streaming .xlsx writer other modules' ledgers use.
export { ledgerRoutes } from './ledgers.routes';
export { writeLedger, type LedgerCell, type LedgerSpec } from './xlsx-ledger';
