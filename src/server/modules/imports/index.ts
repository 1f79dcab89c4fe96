// Excel import's public face.
export { importRoutes } from './imports.routes';
export { importWorkbook } from './imports.service';
export { openXlsx, type XlsxBook, type XlsxRow } from './xlsx-reader';
