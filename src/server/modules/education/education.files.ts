// Documents of an exemplar 典型事迹材料 (Part 3 二: 立功受奖、表彰奖励、重要成就的证明): scans or photos
// uploaded by staff of the recommendation's range, checked by the one upload check, encrypted at rest
// as files of the kernel case (cases/case-files), listed with the recommendation and downloaded by
// whoever reads it; each upload and each download is audited.
import { auditAction } from '../../platform/audit.repo';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import type { ExemplarDetail } from '../../../shared/schemas/education';
import { auditedFileBytes, checkedUploads, storeCaseFiles } from '../../cases/case-files';
import { caseFileOf } from '../../cases/case-files.repo';
import { transaction } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { unitOfRecordForWrite } from '../../platform/stored-unit.repo';
import { EXEMPLAR_FILES, exemplarDetail, requireExemplar } from './education.service';

type Ip = string | null;

export async function addExemplarFile(ctx: AppContext, auth: AuthContext, id: string, input: MaterialFileUpload, ip: Ip): Promise<ExemplarDetail> {
  const bytes = checkedUploads([input], 'file');
  await transaction(ctx.db, async (trx) => {
    const r = await requireExemplar(ctx, auth, id, trx);
    if (r.status === 'withdrawn') throw new AppError(409, 'CLOSED', '该典型推荐已撤回，不能再上传材料');
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
    await storeCaseFiles(trx, ctx, auth, id, unit, EXEMPLAR_FILES, [input], bytes);
    await auditAction(trx, ctx, auth, 'exemplar.file-add', 'exemplar', id, ip, `${r.recipient_name}：${input.name}`);
  });
  return exemplarDetail(ctx, auth, id);
}

export async function readExemplarFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await requireExemplar(ctx, auth, id);
  const f = await caseFileOf(auth.scope, ctx.db, id, fileId);
  if (!f || f.kind !== EXEMPLAR_FILES) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'exemplar.file-view', targetType: 'exemplar', targetId: id, ip }));
}
