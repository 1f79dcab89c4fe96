// Evidence 证据材料 of a rights case (Part 9 三(三): the facts are verified): scans or photos uploaded
// by staff of the case's range while it is open, checked by the one upload check, encrypted at rest
// as files of the case (the kernel's cases/case-files), listed and downloaded by whoever reads the
// case; each upload and each download is audited.
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import type { RightsEvidenceDto } from '../../../shared/schemas/rights';
import { auditedFileBytes, checkedUploads, storeCaseFiles, toCaseFileDto } from '../../cases/case-files';
import { caseFileOf, caseFilesOf } from '../../cases/case-files.repo';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { unitOfRecordForWrite } from '../../platform/stored-unit.repo';
import { requireRightsCase } from './rights.service';

type Ip = string | null;
export const RIGHTS_EVIDENCE = 'evidence';

export async function listRightsEvidence(ctx: AppContext, auth: AuthContext, id: string): Promise<RightsEvidenceDto> {
  const r = await requireRightsCase(ctx, auth, id);
  const rows = await caseFilesOf(auth.scope, ctx.db, id, RIGHTS_EVIDENCE);
  return { open: r.status !== 'closed' && r.status !== 'explained', items: rows.map(toCaseFileDto) };
}

export async function addRightsEvidence(ctx: AppContext, auth: AuthContext, id: string, input: MaterialFileUpload, ip: Ip): Promise<RightsEvidenceDto> {
  const bytes = checkedUploads([input], 'file');
  await transaction(ctx.db, async (trx) => {
    const r = await requireRightsCase(ctx, auth, id, trx);
    if (r.status === 'closed' || r.status === 'explained') throw new AppError(409, 'CLOSED', '该案件已办结，不能再上传证据材料');
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
    await storeCaseFiles(trx, ctx, auth, id, unit, RIGHTS_EVIDENCE, [input], bytes);
    await appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: 'rights.evidence-add', targetType: 'rights', targetId: id, result: 'success', ip, detail: input.name });
  });
  return listRightsEvidence(ctx, auth, id);
}

export async function readRightsEvidence(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await requireRightsCase(ctx, auth, id);
  const f = await caseFileOf(auth.scope, ctx.db, id, fileId);
  if (!f || f.kind !== RIGHTS_EVIDENCE) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'rights.evidence-view', targetType: 'rights', targetId: id, ip }));
}
