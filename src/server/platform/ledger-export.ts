// Every ledger 台账 export is written here: the one .xlsx writer with the ledger's responsible person
// at the exported unit (seed §10 专人负责) on the line under the title. The ledger is named once,
// typed by the one list of ledgers (shared/schemas/ledger-responsibles.ts), and the line is read in
// one place (ledger-responsible.repo.ts), so no export can leave it out or spell the ledger apart
// from the list the obligations page assigns persons from.
import { PassThrough } from 'node:stream';
import type { LedgerName } from '../../shared/schemas/ledger-responsibles';
import type { Db } from '../db/client';
import { responsibleLine } from './ledger-responsible.repo';
import { writeXlsx, type XlsxSheet } from './xlsx-writer';

/** A ledger's sheet: the sheet's name defaults to the ledger's; the responsible line is added here. */
export type LedgerSheet = Omit<XlsxSheet, 'responsible' | 'bare' | 'sheetName'> & { sheetName?: string };

/**
 * The ledger's workbook as a stream to send: the responsible person of `ledger` at `unitId` is read
 * first, then the rows; a failure of either destroys the stream with the error.
 */
export function ledgerXlsx(db: Db, ledger: LedgerName, unitId: string, sheet: LedgerSheet, chunks: AsyncIterable<readonly unknown[][]>): PassThrough {
  const out = new PassThrough();
  responsibleLine(db, unitId, ledger)
    .then((responsible) => writeXlsx(out, { ...sheet, sheetName: sheet.sheetName ?? ledger, responsible }, chunks))
    .catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
