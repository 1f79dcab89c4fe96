// The messages between the import and its worker thread (xlsx-rows.worker.ts).
//
// Bytes flow in on demand: the worker's input asks for a chunk ('pull') when its buffer runs
// low, so an upload is read no faster than it is parsed. Checked rows flow out in batches; the
// worker keeps at most ROW_BATCHES_IN_FLIGHT unacknowledged batches, so rows are parsed no faster
// than the main thread writes them. Neither side ever holds the whole file.
import type { RowResult } from './import-row';

/** A cell as the row checks see it: text, a number (dates and numbers Excel stored as such), or empty. */
export type CellValue = string | number | null;

/** A data row as checked in the worker: its number in the sheet (1-based), the checks' result and, for a good row, its name tokens. */
export type CheckedRow = RowResult & { n: number; tokens: string[] | null };

export const ROW_BATCH_SIZE = 500;
export const ROW_BATCHES_IN_FLIGHT = 16;
/** Cells after this column are ignored (the ledger has fewer than 40). */
export const MAX_COLUMNS = 80;
/** The header must be among the first rows of the sheet (the template has a title and a note above it). */
export const HEADER_WITHIN = 10;

export type WorkerInit = { today: string };

export type ToWorker = { type: 'chunk'; data: Uint8Array } | { type: 'end' } | { type: 'ack' };

export type FromWorker =
  | { type: 'pull' }
  | { type: 'rows'; rows: CheckedRow[] }
  /** a problem of the sheet as a whole (no header, a required column missing): the worker stops */
  | { type: 'problem'; row: number; message: string }
  | { type: 'end'; rows: number; sheet: string | null }
  | { type: 'error'; message: string };
