// Files attached to a case of the kernel (see case-files.repo.ts): one upload check
// (platform/uploads.ts), encrypted at rest with ctx.crypto like every document, stored under a unit
// the caller chose inside its transaction, each download audited by the module that serves it.
import type { MaterialFileUpload } from '../../shared/schemas/application-materials';
import type { AuditAction } from '../../shared/schemas/audit-logs';
import type { CaseFileDto } from '../../shared/schemas/cases';
import type { Tx } from '../db/transaction';
import { appendAudit } from '../platform/audit.repo';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { newId } from '../platform/ids';
import { placedAt, type StoredUnit } from '../platform/stored-unit.repo';
import { uploadBytes } from '../platform/uploads';
import { CASE_FILE_OWNER, insertCaseFileRow, type CaseFileMeta } from './case-files.repo';

/** At most this many files go with one entry or reply. */
export const CASE_FILES_PER_ENTRY = 5;

/** Checks every upload first (a bad one refuses them all, nothing written). */
export function checkedUploads(files: readonly MaterialFileUpload[], field = 'files'): Buffer[] {
  return files.map((f, n) => uploadBytes(f, `${field}.${n}.dataBase64`));
}

/** Stores checked uploads as files of the case under `unit` (the caller's transaction, in its scope). */
export async function storeCaseFiles(trx: Tx, ctx: AppContext, auth: AuthContext, caseId: string, unit: StoredUnit, kind: string, files: readonly MaterialFileUpload[], bytes: readonly Buffer[]): Promise<CaseFileDto[]> {
  const at = ctx.clock.now().toISOString();
  const out: CaseFileDto[] = [];
  for (const [n, f] of files.entries()) {
    const b = bytes[n];
    const row = { id: newId(), ...placedAt(unit), owner_type: CASE_FILE_OWNER, owner_id: caseId, kind, name: f.name, mime: f.mime, size: b.length, data_enc: ctx.crypto.encrypt(b.toString('base64')), created_by: auth.userId, created_at: at };
    await insertCaseFileRow(auth.scope, trx, row);
    out.push(toCaseFileDto(row));
  }
  return out;
}

export function toCaseFileDto(f: Pick<CaseFileMeta, 'id' | 'name' | 'mime' | 'size' | 'created_at'>): CaseFileDto {
  return { id: f.id, name: f.name, mime: f.mime, size: Number(f.size), createdAt: f.created_at };
}

/** Decrypts a file row for download and appends the audit entry (in the caller's transaction). */
export async function auditedFileBytes(
  trx: Tx,
  ctx: AppContext,
  auth: AuthContext,
  f: { name: string; mime: string; data_enc: string },
  audit: { action: AuditAction; targetType: string; targetId: string; ip: string | null },
): Promise<{ mime: string; name: string; data: Buffer }> {
  await appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: audit.action, targetType: audit.targetType, targetId: audit.targetId, result: 'success', ip: audit.ip, detail: f.name });
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}
