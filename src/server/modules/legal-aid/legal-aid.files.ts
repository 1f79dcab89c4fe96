// A legal-aid case's materials 案件材料 (Part 10 二: "提交所申请法律援助事项有关的案件材料"): scans or
// photos uploaded by staff of the case's range while the case is open, checked against their type,
// encrypted at rest in `files` like a recipient's documents; each upload and each view is audited
// (a view needs sensitive:reveal: the papers carry what a reveal would show).
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import type { LegalAidFileDto } from '../../../shared/schemas/legal-aid';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { placedAt, unitOfRecordForWrite } from '../../platform/stored-unit.repo';
import { materialBytes } from '../applications';
import { getLegalAid } from './legal-aid.repo';
import { LEGAL_AID_FILE_OWNER, caseFilesOf, deleteCaseFile, getCaseFile, insertCaseFile } from './legal-aid.files.repo';

type Ip = string | null;

async function caseOf(db: Tx, auth: AuthContext, id: string) {
  const c = await getLegalAid(auth.scope, db, id);
  if (!c) throw notFound('法律援助案件');
  return c;
}

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, id: string, ip: Ip, detail: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'legal-aid', id, ip, detail);
}

const toDto = (f: { id: string; name: string; mime: string; size: number; created_at: string }): LegalAidFileDto => ({ id: f.id, name: f.name, mime: f.mime, size: Number(f.size), createdAt: f.created_at });

export async function listCaseFiles(ctx: AppContext, auth: AuthContext, id: string) {
  await caseOf(ctx.db, auth, id);
  return { items: (await caseFilesOf(auth.scope, ctx.db, id)).map(toDto) };
}

export async function addCaseFile(ctx: AppContext, auth: AuthContext, id: string, input: MaterialFileUpload, ip: Ip): Promise<LegalAidFileDto> {
  const bytes = materialBytes(input);
  return transaction(ctx.db, async (trx) => {
    const c = await caseOf(trx, auth, id);
    if (c.status === 'closed') throw new AppError(409, 'CLOSED', '该法律援助案件已案结事了，材料不能再上传');
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
    const row = {
      id: newId(),
      ...placedAt(unit),
      owner_type: LEGAL_AID_FILE_OWNER,
      owner_id: id,
      kind: 'material',
      name: input.name,
      mime: input.mime,
      size: bytes.length,
      data_enc: ctx.crypto.encrypt(bytes.toString('base64')),
      created_by: auth.userId,
      created_at: ctx.clock.now().toISOString(),
    };
    await insertCaseFile(auth.scope, trx, row);
    await audit(trx, ctx, auth, 'legal-aid.material-add', id, ip, input.name);
    return toDto(row);
  });
}

/** A file's bytes; the view is audited. */
export async function readCaseFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await caseOf(ctx.db, auth, id);
  const f = await getCaseFile(auth.scope, ctx.db, id, fileId);
  if (!f) throw notFound('文件');
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'legal-aid.material-view', id, ip, f.name));
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

/**
 * 删除案件材料: a wrongly uploaded material is removed by staff of the registering unit (or a unit
 * above it whose range covers it) while the case
 * is registered and not yet referred — the referral 转介 is the unit's decision on the route and
 * hands the materials on with the case, so after it (and after closing) they stay (409). The row
 * holds the encrypted bytes, so deleting it leaves nothing; the audit entry keeps name and size.
 */
export async function deleteCaseMaterial(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await transaction(ctx.db, async (trx) => {
    const c = await caseOf(trx, auth, id);
    const f = await getCaseFile(auth.scope, trx, id, fileId);
    if (!f) throw notFound('文件');
    if (c.status !== 'registered') throw new AppError(409, 'REFERRED', '该案件已转介或已结案，材料已随案移送，不能删除');
    if (!(await deleteCaseFile(auth.scope, trx, id, fileId))) throw notFound('文件');
    await audit(trx, ctx, auth, 'legal-aid.material-delete', id, ip, `${f.name}（${Number(f.size)} 字节）`);
  });
  return listCaseFiles(ctx, auth, id);
}
