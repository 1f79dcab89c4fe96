// Ledgers' public face: the routes (the .xlsx writer every ledger uses is platform/xlsx-writer).
export { ledgerRoutes } from './ledgers.routes';
