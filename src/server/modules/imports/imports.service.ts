// Excel import of the registry ledger: one streaming pass. A worker thread parses the workbook
// and checks each row on its own (values, dates, ID number, lists), posting batches; this thread
// checks what needs the database (the row's unit in the importer's range, its ID number against
// the rest of the file and the whole registry) and writes the good rows into ONE transaction,
// which is rolled back if any row is wrong: nothing is imported unless every row is valid. Only
// the ID numbers seen so far, the first IMPORT_ERROR_CAP problems and a batch of WRITE_ROWS
// rows on their way to the database are kept; the rows themselves pass through.
//
// Everything in the transaction goes through `trx`: on SQLite there is one connection, and a
// query on ctx.db inside it would wait for the transaction forever. While an import runs on
// SQLite, other requests wait for it (one writer); on PostgreSQL they go on.
import { hasPermission } from '../../../shared/permissions';
import { shanghaiDay } from '../../../shared/rules/dates';
import {
  IMPORT_ERROR_CAP,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportError,
  type ImportResult,
} from '../../../shared/schemas/ledgers';
import { refreshStatistics, registryTables } from '../../db/statistics';
import { transaction } from '../../db/transaction';
import { withWriteCache } from '../../db/write-cache';
import { appendAudit } from '../../platform/audit.repo';
import { fieldCryptoSeed } from '../../platform/crypto';
import { newId } from '../../platform/ids';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { lockOrgTree, unitsForWriteUnscoped, type StoredUnit } from '../../platform/stored-unit.repo';
import { pathInScope } from '../../platform/jurisdiction';
import { ImportedCounts, ImportedTokens, insertImportedIn, type ImportedRecipient, type ImportedRow } from '../recipients';
import { columnOf, type ParsedRow } from './import-row';
import { registeredHashesUnscoped, unitChain, type UnitRef } from './imports.repo';
import { UnitResolver } from './unit-resolver';
import { GOOD, isGood, unitOf, WRITE_ROWS, type GoodRow } from './xlsx-rows.protocol';
import { receiveUpload, startSheetWorker } from './xlsx-rows';

/** Rows between two progress reports. */
export const PROGRESS_EVERY = 1000;
/**
 * SQLite's page cache while the import writes (db/write-cache.ts): the dirty pages of a large
 * import's indexes fit, instead of being spilled to the WAL and read back. A bound, so that a
 * larger file does not take more memory once it is reached. 128 MiB is reached before 100,000 rows:
 * measured (bench/import-bench.ts, 2026-12-06) the same speed as 256 (7,961 / 8,211 rows/s for
 * 100,000 / 200,000 rows, against 8,264 / 7,986) with peak memory 648 / 756 MB (1.17×) instead of
 * 688 / 902 MB (1.31×: the larger cache was still filling between the two sizes).
 */
const WRITE_CACHE_MB = 128;
/** Roll-up counts are written out once they hold this many (unit, kind of record) pairs. */
const COUNTS_FLUSH = 100_000;

class Rollback extends Error {}

export type ImportOptions = {
  signal?: AbortSignal;
  ip?: string | null;
  /** defaults IMPORT_MAX_BYTES */
  maxBytes?: number;
  /** defaults IMPORT_MAX_ROWS */
  maxRows?: number;
};

/**
 * The stored record of a good row (its values at GOOD's positions) in `unit`, as the recipients
 * module writes it: its values in the order of IMPORTED_COLUMNS (key_groups is set there).
 */
function record(g: GoodRow, hash: string, unit: StoredUnit, status: 'draft' | 'registered', by: string, at: string): ImportedRecipient {
  const row: ImportedRow = [
    newId(), // id
    unit.id, // org_unit_id
    unit.path, // org_path
    status,
    g[GOOD.kind],
    g[GOOD.name],
    g[GOOD.gender],
    g[GOOD.ethnicity],
    g[GOOD.birthDate],
    g[GOOD.idNumberEnc],
    hash, // id_number_hash
    g[GOOD.idNumberMasked],
    g[GOOD.phoneEnc],
    g[GOOD.phoneHash],
    g[GOOD.phoneMasked],
    g[GOOD.politicalStatus],
    g[GOOD.recipientGroup],
    g[GOOD.careMask],
    g[GOOD.enlistmentDate],
    g[GOOD.dischargeDate],
    g[GOOD.dischargeType],
    g[GOOD.branch],
    g[GOOD.lastUnit],
    g[GOOD.rank],
    g[GOOD.disabilityGrade],
    g[GOOD.disabilityCause],
    g[GOOD.education],
    g[GOOD.employmentStatus],
    g[GOOD.skills],
    g[GOOD.merits],
    g[GOOD.deceasedSoldier],
    g[GOOD.householdAddress],
    g[GOOD.currentAddress],
    g[GOOD.notes],
    0, // key_groups
    by, // created_by
    at, // created_at
    at, // updated_at
    status === 'registered' ? at : null, // registered_at
  ];
  return { row, tokens: g[GOOD.tokens] };
}

/**
 * Imports a workbook of the registry ledger (`input`: the .xlsx bytes, e.g. a request or a file
 * stream) into the importer's range. `onProgress` hears the rows checked so far, every
 * PROGRESS_EVERY rows. Records are 已入库 when the importer reviews for the county
 * (registry:review), else drafts; each gets an 'imported' version; the import is audited.
 */
export async function importWorkbook(
  ctx: AppContext,
  auth: AuthContext,
  input: AsyncIterable<Uint8Array>,
  onProgress: (rows: number) => void,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  if (!hasPermission(auth.roles, 'registry:write')) throw forbidden();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = shanghaiDay(now);
  const status = hasPermission(auth.roles, 'registry:review') ? 'registered' : 'draft';
  const errors: ImportError[] = [];
  let errorCount = 0;
  const report = (row: number, column: string, message: string) => {
    errorCount += 1;
    if (errors.length < IMPORT_ERROR_CAP) errors.push({ row, column, message });
  };
  /** ID number → the first row that has it */
  const seen = new Map<string, number>();
  let rows = 0;
  let imported = 0;
  let reported = 0;
  const idColumn = columnOf('idNumber').header;
  const maxRows = opts.maxRows ?? IMPORT_MAX_ROWS;

  const seed = fieldCryptoSeed(ctx.crypto);
  if (!seed) throw new Error('the import needs the deployment’s FieldCrypto (createFieldCrypto)');
  // the worker loads its modules while the upload arrives; the whole upload before the
  // transaction: a slow client does not hold the writer
  const sheet = startSheetWorker({ today, crypto: seed, signal: opts.signal });
  let file: Uint8Array;
  try {
    file = await receiveUpload(input, opts.maxBytes ?? IMPORT_MAX_BYTES);
  } catch (e) {
    await sheet.stop();
    throw e;
  }
  const events = sheet.rows(file);
  try {
    await transaction(ctx.db, (trx) => withWriteCache(trx, ctx.dialect, WRITE_CACHE_MB, async () => {
      // units are resolved and their paths copied under the tree lock, inside this transaction
      const lock = await lockOrgTree(trx, ctx.dialect, 'shared');
      const resolver = new UnitResolver(auth.scope, trx, await unitChain(auth.scope, trx));
      const storedUnits = new Map<string, StoredUnit>();
      /** Reads the stored units of a batch's rows that are not read yet, in one query. */
      const readStoredUnits = async (units: readonly UnitRef[]): Promise<void> => {
        const want = [...new Set(units.filter((u) => !storedUnits.has(u.id)).map((u) => u.id))];
        if (!want.length) return;
        const found = await unitsForWriteUnscoped(trx, lock, want);
        for (const id of want) {
          const u = found.get(id);
          if (!u || !pathInScope(auth.scope, u.path)) throw notFound('单位');
          storedUnits.set(id, u);
        }
      };
      const counts = new ImportedCounts();
      const tokens = new ImportedTokens();
      let pending: ImportedRecipient[] = [];
      const write = async () => {
        try {
          await insertImportedIn(ctx, auth.scope, trx, pending, { counts, tokens }, { userId: auth.userId, displayName: auth.displayName, at });
        } catch (e) {
          // the unique index on the ID hash: someone registered one of these people meanwhile
          if (/unique|duplicate/i.test(String((e as Error).message))) throw new AppError(409, 'DUPLICATE_ID', '导入期间有相同公民身份号码的记录被他人登记，没有导入任何记录，请重新导入');
          throw e;
        }
        imported += pending.length;
        pending = [];
        if (counts.size >= COUNTS_FLUSH) await counts.apply(trx);
      };
      for await (const event of events) {
        if (event.type === 'problem') {
          report(event.row, '', event.message);
          break;
        }
        const batch = event.rows;
        if (rows + batch.length > maxRows) {
          report(0, '', `一次最多导入 ${maxRows.toLocaleString('en')} 行，请分成几个文件导入`);
          break;
        }
        rows += batch.length;
        const hashes: (string | null)[] = [];
        const numbers: number[] = new Array(batch.length);
        const units: ParsedRow['unit'][] = new Array(batch.length);
        for (let i = 0; i < batch.length; i++) {
          const r = batch[i];
          const good = isGood(r);
          const n = (numbers[i] = good ? r[GOOD.n] : r.n);
          units[i] = unitOf(r);
          if (!good) for (const p of r.problems) report(n, p.column, p.message);
          const id18 = good ? r[GOOD.id18] : r.id18;
          const idHash = good ? r[GOOD.idHash] : r.idHash;
          let hash: string | null = null;
          if (id18 && idHash) {
            const first = seen.get(id18);
            if (first !== undefined) report(n, idColumn, `文件内重复的身份证号（与第 ${first} 行相同）`);
            else {
              seen.set(id18, n);
              hash = idHash;
            }
          }
          hashes.push(hash);
        }

        await resolver.prefetch(units);
        const registered = new Map((await registeredHashesUnscoped(trx, hashes.filter((h): h is string => !!h))).map((r) => [r.id_number_hash, r]));
        const places: Awaited<ReturnType<UnitResolver['resolve']>>[] = new Array(batch.length);
        for (let i = 0; i < batch.length; i++) places[i] = resolver.known(units[i]) ?? (await resolver.resolve(units[i]));
        if (errorCount === 0) await readStoredUnits(places.flatMap((w) => ('unit' in w ? [w.unit] : [])));
        for (let i = 0; i < batch.length; i++) {
          const r = batch[i];
          const n = numbers[i];
          const hash = hashes[i];
          const where = places[i];
          if ('problem' in where) report(n, where.problem.column, where.problem.message);
          const hit = hash ? registered.get(hash) : undefined;
          if (hit) {
            // another unit's record is not named (DESIGN.md: answer without revealing it)
            report(n, idColumn, pathInScope(auth.scope, hit.org_path) ? `已在系统中登记（${hit.name}），请勿重复导入` : '已在系统中登记（其他单位），可申请迁入');
          }
          // after the first problem nothing more is written: the transaction will be rolled back
          if (errorCount === 0 && hash && isGood(r) && 'unit' in where) pending.push(record(r, hash, storedUnits.get(where.unit.id)!, status, auth.userId, at));
        }
        if (errorCount > 0) pending = [];
        else if (pending.length >= WRITE_ROWS) await write();
        if (rows - reported >= PROGRESS_EVERY) {
          reported = rows - (rows % PROGRESS_EVERY);
          onProgress(rows);
        }
      }
      if (rows === 0 && errorCount === 0) report(0, '', '文件中没有数据行');
      if (errorCount > 0) throw new Rollback();
      if (pending.length) await write();
      await tokens.flush(trx);
      await counts.apply(trx);
      await appendAudit(trx, {
        at,
        userId: auth.userId,
        username: auth.username,
        orgUnitId: auth.unit.id,
        action: 'recipient.import',
        targetType: 'recipient',
        targetId: null,
        result: 'success',
        ip: opts.ip ?? null,
        detail: JSON.stringify({ rows, imported, status }),
      });
    }));
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    // ends the worker when the loop stopped early or the transaction failed
    await events.return(undefined as never);
  }
  if (errorCount > 0) {
    await transaction(ctx.db, (trx) =>
      appendAudit(trx, {
        at,
        userId: auth.userId,
        username: auth.username,
        orgUnitId: auth.unit.id,
        action: 'recipient.import',
        targetType: 'recipient',
        targetId: null,
        result: 'failure',
        ip: opts.ip ?? null,
        detail: JSON.stringify({ rows, errorCount }),
      }),
    );
    return { type: 'failed', rows, errorCount, errors };
  }
  // a county's thousands of new rows: the planner's statistics now, not in a minute (db/statistics.ts)
  await refreshStatistics(ctx.db, ctx.dialect, registryTables, imported);
  return { type: 'done', imported, status };
}
