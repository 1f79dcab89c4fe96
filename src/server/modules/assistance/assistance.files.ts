// Evidence files 证明材料 of an assistance application (Part 6 三(五): the facts are checked): a scan or
// photo uploaded by a worker who may act for the application's unit, checked against its type,
// encrypted at rest in `files` (owner_type 'assistance', kind 'evidence') under the application's
// unit, as an application's materials are. Uploads are taken until the decision; each upload and
// each download is audited (a download needs sensitive:reveal: the files show family and health facts).
import type { EvidenceFilesDto } from '../../../shared/schemas/assistance';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { placedAt, unitOfRecordForWrite } from '../../platform/stored-unit.repo';
import { materialBytes } from '../applications';
import { deleteEvidenceFile, evidenceFileOf, evidenceFilesOf, getAid, insertEvidenceFile } from './assistance.repo';

type Ip = string | null;
const OPEN = new Set(['submitted', 'verifying', 'review']);

async function aidOf(db: Tx, auth: AuthContext, id: string) {
  const r = await getAid(auth.scope, db, id);
  if (!r) throw notFound('帮扶援助申请');
  return r;
}

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, id: string, ip: Ip, detail: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'assistance', id, ip, detail);
}

export async function listEvidence(ctx: AppContext, auth: AuthContext, id: string): Promise<EvidenceFilesDto> {
  const a = await aidOf(ctx.db, auth, id);
  const rows = await evidenceFilesOf(auth.scope, ctx.db, id);
  return { open: OPEN.has(a.status), items: rows.map((r) => ({ id: r.id, name: r.name, mime: r.mime, size: Number(r.size), createdAt: r.created_at })) };
}

export async function addEvidence(ctx: AppContext, auth: AuthContext, id: string, input: MaterialFileUpload, ip: Ip): Promise<EvidenceFilesDto> {
  const bytes = materialBytes(input);
  await transaction(ctx.db, async (trx) => {
    const a = await aidOf(trx, auth, id);
    if (!OPEN.has(a.status)) throw new AppError(409, 'DECIDED', '该申请已作出决定，不能再上传证明材料');
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
    const at = ctx.clock.now().toISOString();
    await insertEvidenceFile(auth.scope, trx, {
      id: newId(),
      ...placedAt(unit),
      owner_type: 'assistance',
      owner_id: id,
      kind: 'evidence',
      name: input.name,
      mime: input.mime,
      size: bytes.length,
      data_enc: ctx.crypto.encrypt(bytes.toString('base64')),
      created_by: auth.userId,
      created_at: at,
    });
    await audit(trx, ctx, auth, 'assistance.evidence-add', id, ip, input.name);
  });
  return listEvidence(ctx, auth, id);
}

export async function readEvidence(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await aidOf(ctx.db, auth, id);
  const f = await evidenceFileOf(auth.scope, ctx.db, id, fileId);
  if (!f) throw notFound('文件');
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'assistance.evidence-view', id, ip, f.name));
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

/**
 * 删除证明材料: a wrongly uploaded file is removed by staff of the owning unit (or a unit above it whose
 * range covers it, as the kernel's owner actions) while the application
 * is still open before the decision (待受理, 待核实, 审核中); after the decision the file is part of
 * the record (409). The row holds the encrypted bytes, so deleting it leaves nothing; the audit
 * entry keeps the file's name and size.
 */
export async function deleteEvidence(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip): Promise<EvidenceFilesDto> {
  await transaction(ctx.db, async (trx) => {
    const a = await aidOf(trx, auth, id);
    const f = await evidenceFileOf(auth.scope, trx, id, fileId);
    if (!f) throw notFound('文件');
    if (!OPEN.has(a.status)) throw new AppError(409, 'DECIDED', '该申请已作出决定，证明材料已归档，不能删除');
    if (!(await deleteEvidenceFile(auth.scope, trx, id, fileId))) throw notFound('文件');
    await audit(trx, ctx, auth, 'assistance.evidence-delete', id, ip, `${f.name}（${Number(f.size)} 字节）`);
  });
  return listEvidence(ctx, auth, id);
}
