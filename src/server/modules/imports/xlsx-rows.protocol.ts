// The messages between the import and its worker thread (xlsx-rows.worker.ts).
//
// The worker is started when an import begins, and loads its modules while the upload arrives;
// the main thread receives the whole upload (a zip's directory is at its end) and then hands the
// bytes over. Checked rows flow out in batches; the worker keeps at most ROW_BATCHES_IN_FLIGHT
// unacknowledged batches, so rows are parsed no faster than the main thread writes them.
import type { FieldCryptoSeed } from '../../platform/crypto';
import type { ParsedRow, RowResult } from './import-row';

/** A cell as the row checks see it: text, a number (numbers Excel stored as such), or empty. Date-formatted cells come as YYYY-MM-DD. */
export type CellValue = string | number | null;

/**
 * A row with problems, as checked in the worker: nothing of it is written, so it carries what the
 * writer reports and checks: its number in the sheet (1-based), its problems, the lookup hash of a
 * valid ID number (duplicates are reported in such a row too) and the unit it names.
 */
export type RejectedRow = Pick<RowResult, 'problems' | 'id18' | 'unit'> & { n: number; idHash: string | null };

/**
 * A good row as posted: its values in one flat array, at the positions of GOOD (the structured
 * clone of an array of values costs less than that of an object with a key per value: for 100,000
 * rows of objects nested as ParsedRow the clone took 0.9–1.1 s on the worker's side and 0.65–0.84 s
 * on the writer's, of arrays 0.6–0.7 and 0.27 s). Lists and objects are in JSON as they are
 * stored; the sensitive values come encrypted, hashed and masked.
 */
export type GoodRow = [
  n: number,
  id18: string,
  idHash: string,
  township: string,
  village: string,
  grid: string,
  code: string,
  /** the name's search tokens, a JSON list */
  tokens: string,
  name: string,
  birthDate: string,
  gender: ParsedRow['gender'],
  ethnicity: string,
  politicalStatus: string | null,
  recipientGroup: ParsedRow['recipientGroup'],
  kind: ParsedRow['kind'],
  careMask: number,
  enlistmentDate: string | null,
  dischargeDate: string | null,
  dischargeType: string | null,
  branch: string | null,
  lastUnit: string,
  rank: string,
  disabilityGrade: number | null,
  disabilityCause: string | null,
  /** JSON */
  merits: string,
  education: string | null,
  employmentStatus: string | null,
  skills: string,
  householdAddress: string,
  currentAddress: string,
  notes: string,
  /** JSON, or null */
  deceasedSoldier: string | null,
  idNumberEnc: string,
  idNumberMasked: string,
  phoneEnc: string | null,
  phoneHash: string | null,
  phoneMasked: string | null,
];

/** Where each value of a GoodRow is. */
export const GOOD = {
  n: 0,
  id18: 1,
  idHash: 2,
  township: 3,
  village: 4,
  grid: 5,
  code: 6,
  tokens: 7,
  name: 8,
  birthDate: 9,
  gender: 10,
  ethnicity: 11,
  politicalStatus: 12,
  recipientGroup: 13,
  kind: 14,
  careMask: 15,
  enlistmentDate: 16,
  dischargeDate: 17,
  dischargeType: 18,
  branch: 19,
  lastUnit: 20,
  rank: 21,
  disabilityGrade: 22,
  disabilityCause: 23,
  merits: 24,
  education: 25,
  employmentStatus: 26,
  skills: 27,
  householdAddress: 28,
  currentAddress: 29,
  notes: 30,
  deceasedSoldier: 31,
  idNumberEnc: 32,
  idNumberMasked: 33,
  phoneEnc: 34,
  phoneHash: 35,
  phoneMasked: 36,
} as const;

/** A data row as posted by the worker: good (an array) or rejected (an object). */
export type CheckedRow = GoodRow | RejectedRow;
export const isGood = (r: CheckedRow): r is GoodRow => Array.isArray(r);
/** The unit a row names (ParsedRow['unit']). */
export const unitOf = (r: CheckedRow): ParsedRow['unit'] =>
  isGood(r) ? { township: r[GOOD.township], village: r[GOOD.village], grid: r[GOOD.grid], code: r[GOOD.code] } : r.unit;

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

/** `crypto`: the deployment's field crypto, made again in the worker. */
export type WorkerInit = { today: string; crypto: FieldCryptoSeed };

/** `file`: the .xlsx bytes (transferred), once the upload has arrived; `ack`: a batch taken. */
export type ToWorker = { type: 'file'; file: Uint8Array } | { type: 'ack' };

export type FromWorker =
  | { type: 'rows'; rows: CheckedRow[] }
  /** a problem of the sheet as a whole (no header, a required column missing): the worker stops */
  | { type: 'problem'; row: number; message: string }
  | { type: 'end'; rows: number; sheet: string | null }
  | { type: 'error'; message: string };
