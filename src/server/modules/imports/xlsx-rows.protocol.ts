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
 * The writer (the main thread) writes good rows this many at a time: a larger write, sorted,
 * visits each page of the indexes once for several rows. A constant, whatever the file.
 */
export const WRITE_ROWS = 2000;
/**
 * Batches the worker may post before the main thread takes them: two writes' worth. While the
 * writer is inside one write it takes no batch, and the worker must have room for what it parses
 * meanwhile, or it waits too and the two threads take turns instead of running side by side. With
 * 4 batches ahead of writes of 4,000 rows the worker waited 1.2–1.5 s and the writer 5.0–5.5 s of an
 * import of 100,000 rows; with 8 ahead of writes of 2,000 the worker waited 0.04–0.16 s and the
 * import took 8.9 s instead of 10.8 (compiled, bench/results/2026-12-07-fresh-machine.md). The
 * batches the writer has not taken wait there as objects and are promoted, and V8 lets the old
 * generation grow with them: 16 ahead of writes of 4,000 peaked at 1.21× for 200,000 rows against
 * 100,000, 8 ahead of 2,000 at 1.16× (the bound is 1.2×).
 */
export const ROW_BATCHES_IN_FLIGHT = (2 * WRITE_ROWS) / ROW_BATCH_SIZE;
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
