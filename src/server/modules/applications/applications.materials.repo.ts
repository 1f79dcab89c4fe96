// The only SQL for the files of an application's materials checklist: rows of `files` with
// owner_type 'application', the material's index in `kind` ('material:<index>'), placed at the
// application's unit and read through the jurisdiction guard like every other document.
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import type { FileTable } from '../../db/types';
import { inScope, pathInScope, type Scope } from '../../platform/jurisdiction';
import type { Stored } from '../../platform/stored-unit.repo';

export const APPLICATION_FILE_OWNER = 'application';
export const materialKind = (index: number) => `material:${index}`;
/** The material index of a file's kind ('material:2' → 2), or null. */
export function materialIndexOf(kind: string): number | null {
  const m = /^material:(\d+)$/.exec(kind);
  return m ? Number(m[1]) : null;
}

export async function insertMaterialFile(scope: Scope, db: Tx, row: Stored<FileTable>): Promise<void> {
  if (!pathInScope(scope, row.org_path)) throw new Error('file outside scope');
  await db.insertInto('files').values(row).execute();
}

export async function materialFilesOf(scope: Scope, db: Db | Tx, applicationId: string) {
  return db
    .selectFrom('files')
    .select(['id', 'kind', 'name', 'mime', 'size', 'created_at'])
    .where('owner_type', '=', APPLICATION_FILE_OWNER)
    .where('owner_id', '=', applicationId)
    .where(inScope(scope, 'org_path'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function getMaterialFile(scope: Scope, db: Db | Tx, applicationId: string, fileId: string) {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_type', '=', APPLICATION_FILE_OWNER)
    .where('owner_id', '=', applicationId)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
}

export async function deleteMaterialFile(scope: Scope, db: Tx, applicationId: string, fileId: string): Promise<number> {
  const r = await db
    .deleteFrom('files')
    .where('id', '=', fileId)
    .where('owner_type', '=', APPLICATION_FILE_OWNER)
    .where('owner_id', '=', applicationId)
    .where(inScope(scope, 'org_path'))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
