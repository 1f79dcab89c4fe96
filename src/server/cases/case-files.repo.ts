// The only SQL for files attached to a case of the kernel (rows of `files` with owner_type 'case',
// owner_id = the case's id): a rights case's evidence, a petition handling entry's attachments, a
// 交办 reply's attachments. `kind` says which part of the case a file belongs to ('evidence',
// 'handling:<log seq>', 'reply:<supervision id>'). Reads go through the case guard (a restricted
// case's files are seen only by its named users) or, for a 交办 reply, through the range of the
// unit the item was assigned to (which does not see the case itself).
import type { Db } from '../db/client';
import type { Tx } from '../db/transaction';
import type { FileTable } from '../db/types';
import { inScope, pathInScope, visibleTo, type Scope } from '../platform/jurisdiction';
import type { Stored } from '../platform/stored-unit.repo';
import { CASE_RECORD } from './cases.repo';

export const CASE_FILE_OWNER = 'case';
const guard = { recordType: CASE_RECORD, idColumn: 'cases.id', pathColumn: 'cases.org_path', restrictedColumn: 'cases.restricted' };

export type CaseFileMeta = { id: string; kind: string; name: string; mime: string; size: number; created_at: string };

export async function insertCaseFileRow(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('case file outside scope');
  await db.insertInto('files').values(row).execute();
}

function ofCase(db: Db | Tx, scope: Scope, caseId: string) {
  return db
    .selectFrom('files')
    .innerJoin('cases', 'cases.id', 'files.owner_id')
    .where('files.owner_type', '=', CASE_FILE_OWNER)
    .where('files.owner_id', '=', caseId)
    .where(visibleTo(scope, guard));
}

/** The files of a case the caller sees, whose kind is one of `kinds` (or starts with a prefix ending in ':'). */
export async function caseFilesOf(scope: Scope, db: Db | Tx, caseId: string, kindPrefix: string): Promise<CaseFileMeta[]> {
  const rows = await ofCase(db, scope, caseId)
    .select(['files.id', 'files.kind', 'files.name', 'files.mime', 'files.size', 'files.created_at'])
    .where((eb) => (kindPrefix.endsWith(':') ? eb('files.kind', 'like', `${kindPrefix}%`) : eb('files.kind', '=', kindPrefix)))
    .orderBy('files.created_at')
    .orderBy('files.id')
    .execute();
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}

/** One file of a case the caller sees, with its ciphertext. */
export async function caseFileOf(scope: Scope, db: Db | Tx, caseId: string, fileId: string) {
  return ofCase(db, scope, caseId).selectAll('files').where('files.id', '=', fileId).executeTakeFirst();
}

/** The files of a 交办 reply, read by the unit it was assigned to (in its range) — not through the case. */
export async function assignmentFilesOf(scope: Scope, db: Db | Tx, supervisionId: string): Promise<CaseFileMeta[]> {
  const rows = await db
    .selectFrom('files')
    .innerJoin('case_supervisions as s', 's.case_id', 'files.owner_id')
    .select(['files.id', 'files.kind', 'files.name', 'files.mime', 'files.size', 'files.created_at'])
    .where('files.owner_type', '=', CASE_FILE_OWNER)
    .where('s.id', '=', supervisionId)
    .where('files.kind', '=', `reply:${supervisionId}`)
    .where(inScope(scope, 's.org_path'))
    .where(inScope(scope, 'files.org_path'))
    .orderBy('files.created_at')
    .orderBy('files.id')
    .execute();
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}

export async function assignmentFileOf(scope: Scope, db: Db | Tx, supervisionId: string, fileId: string) {
  return db
    .selectFrom('files')
    .innerJoin('case_supervisions as s', 's.case_id', 'files.owner_id')
    .selectAll('files')
    .where('files.owner_type', '=', CASE_FILE_OWNER)
    .where('s.id', '=', supervisionId)
    .where('files.id', '=', fileId)
    .where('files.kind', '=', `reply:${supervisionId}`)
    .where(inScope(scope, 's.org_path'))
    .where(inScope(scope, 'files.org_path'))
    .executeTakeFirst();
}
