// The messages between the import and its worker thread (xlsx-rows.worker.ts).
//
// The main thread receives the whole upload first (a zip's directory is at its end) and hands
// the bytes to the worker when it starts. Checked rows flow out in batches; the worker keeps at
// most ROW_BATCHES_IN_FLIGHT unacknowledged batches, so rows are parsed no faster than the main
// thread writes them.
import type { FieldCryptoSeed } from '../../platform/crypto';
import type { RowResult } from './import-row';

/** A cell as the row checks see it: text, a number (numbers Excel stored as such), or empty. Date-formatted cells come as YYYY-MM-DD. */
export type CellValue = string | number | null;

/** A good row's sensitive values as stored: encrypted, hashed for lookup, masked (made in the worker). */
export type SealedRow = {
  idNumberEnc: string;
  idNumberMasked: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
};

/**
 * A data row as checked in the worker: its number in the sheet (1-based), the checks' result,
 * the lookup hash of a valid ID number (also in a row with other problems: duplicates are
 * reported), and for a good row its name tokens and sealed values.
 */
export type CheckedRow = RowResult & { n: number; idHash: string | null; tokens: string[] | null; sealed: SealedRow | null };

export const ROW_BATCH_SIZE = 500;
/**
 * Batches the worker may post before the main thread takes them. The main thread (the writer) is
 * the slower side: the batches it has not taken wait there as objects, live long enough to be
 * promoted, and V8 lets the old generation grow with them. At 16 an import of 200,000 rows peaked
 * at 822–864 MB against 680–690 MB for 100,000 (1.19–1.27×); at 4, 786–790 against 664–672 MB
 * (1.17–1.18×), at the same speed within the noise (bench/results/2026-12-06-import-memory.md).
 */
export const ROW_BATCHES_IN_FLIGHT = 4;
/** Cells after this column are ignored (the ledger has fewer than 40). */
export const MAX_COLUMNS = 80;
/** The header must be among the first rows of the sheet (the template has a title and a note above it). */
export const HEADER_WITHIN = 10;

/** `file`: the .xlsx bytes (transferred); `crypto`: the deployment's field crypto, made again in the worker. */
export type WorkerInit = { today: string; file: Uint8Array; crypto: FieldCryptoSeed };

export type ToWorker = { type: 'ack' };

export type FromWorker =
  | { type: 'rows'; rows: CheckedRow[] }
  /** a problem of the sheet as a whole (no header, a required column missing): the worker stops */
  | { type: 'problem'; row: number; message: string }
  | { type: 'end'; rows: number; sheet: string | null }
  | { type: 'error'; message: string };
