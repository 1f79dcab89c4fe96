// The only SQL for a legal-aid case's materials 案件材料: rows of `files` with owner_type
// 'legal-aid', placed at the case's unit and read through the jurisdiction guard like every other
// document.
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { FileTable } from '../../db/types';
import { inScope, pathInScope, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export const LEGAL_AID_FILE_OWNER = 'legal-aid';

export async function insertCaseFile(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('file outside scope');
  await db.insertInto('files').values(row).execute();
}

export async function caseFilesOf(scope: Scope, db: Db | Tx, caseId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'name', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', LEGAL_AID_FILE_OWNER)
    .where('owner_id', '=', caseId)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function getCaseFile(scope: Scope, db: Db | Tx, caseId: string, fileId: string) {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_type', '=', LEGAL_AID_FILE_OWNER)
    .where('owner_id', '=', caseId)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

/** Removes one material row (its encrypted bytes are in the row); true when one row went. */
export async function deleteCaseFile(scope: Scope, db: Tx, caseId: string, fileId: string): Promise<boolean> {
  const r = await db.deleteFrom('files').where('id', '=', fileId).where('owner_type', '=', LEGAL_AID_FILE_OWNER).where('owner_id', '=', caseId).where(inScope(scope, 'org_path')).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
