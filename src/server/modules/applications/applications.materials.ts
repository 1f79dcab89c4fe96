// Files of an application's materials checklist (issue 13: "uploads allowed, encrypted as other
// documents"). A worker of the application's unit (or above it) uploads a scan or photo against one
// material of the checklist; the bytes are checked against the type, encrypted at rest in `files`
// like a recipient's documents, and each upload, download and removal is audited. Files are added
// and removed only before the decision. An upload does not tick the checklist: a material is marked
// received only by the kernel's actions (receipt, 补正材料), so the file is the evidence a worker
// looks at when ticking it there.
import {
  type MaterialFileDto,
  type MaterialFilesDto,
  type MaterialFileUpload,
} from '../../../shared/schemas/application-materials';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { getCase } from '../../cases/cases.repo';
import { mayReadCaseType } from '../../cases/cases.service';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { placedAt, unitOfRecordForWrite } from '../../platform/stored-unit.repo';
import { uploadBytes } from '../../platform/uploads';
import type { ApplicationPayload } from './applications.cases';
import { APPLICATION_CASE_TYPE } from './applications.cases';
import {
  APPLICATION_FILE_OWNER,
  deleteMaterialFile,
  getMaterialFile,
  insertMaterialFile,
  materialFilesOf,
  materialIndexOf,
  materialKind,
} from './applications.materials.repo';

type Ip = string | null;

const CLOSED = new Set(['approved', 'rejected']);

/** The application's checklist and whether it is still open, read through the guard (else 404). */
async function applicationOf(db: Tx, auth: AuthContext, id: string) {
  const c = await getCase(auth.scope, db, id);
  if (!c || c.case_type !== APPLICATION_CASE_TYPE) throw notFound('办件');
  if (!mayReadCaseType(auth, c.case_type)) throw forbidden();
  const p = JSON.parse(c.payload) as ApplicationPayload;
  return { materials: p.materials, open: !CLOSED.has(c.status), title: c.title };
}

function requireOpen(open: boolean): void {
  if (!open) throw new AppError(409, 'DECIDED', '该办件已作出决定，材料不能再上传或删除');
}

/** The bytes of an upload, or 400: not empty, at most 3 MB, and the content is of the type named. */
/** The upload check of every material file (empty, too large, content not of its type): platform/uploads.ts. */
export const materialBytes = uploadBytes;

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, id: string, ip: Ip, detail: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'application', id, ip, detail);
}

type FileRow = { id: string; kind: string; name: string; mime: string; size: number; created_at: string };
function toDto(f: FileRow, names: readonly { name: string }[]): MaterialFileDto {
  const i = materialIndexOf(f.kind) ?? -1;
  return { id: f.id, materialIndex: i, materialName: names[i]?.name ?? '', name: f.name, mime: f.mime, size: f.size, createdAt: f.created_at };
}

export async function listMaterialFiles(ctx: AppContext, auth: AuthContext, id: string): Promise<MaterialFilesDto> {
  const a = await applicationOf(ctx.db, auth, id);
  const rows = await materialFilesOf(auth.scope, ctx.db, id);
  return { open: a.open, items: rows.map((r) => toDto(r, a.materials)) };
}

export async function addMaterialFile(ctx: AppContext, auth: AuthContext, id: string, index: number, input: MaterialFileUpload, ip: Ip): Promise<MaterialFileDto> {
  const bytes = materialBytes(input);
  return transaction(ctx.db, async (trx) => {
    const a = await applicationOf(trx, auth, id);
    const m = a.materials[index];
    if (!m) throw badRequest('材料清单中没有该项材料，请刷新后重试', [{ path: 'index', message: '材料序号不正确' }]);
    requireOpen(a.open);
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
    const at = ctx.clock.now().toISOString();
    const row = {
      id: newId(),
      ...placedAt(unit),
      owner_type: APPLICATION_FILE_OWNER,
      owner_id: id,
      kind: materialKind(index),
      name: input.name,
      mime: input.mime,
      size: bytes.length,
      data_enc: ctx.crypto.encrypt(bytes.toString('base64')),
      created_by: auth.userId,
      created_at: at,
    };
    await insertMaterialFile(auth.scope, trx, row);
    await audit(trx, ctx, auth, 'application.material-add', id, ip, `${m.name}：${input.name}`);
    return toDto(row, a.materials);
  });
}

/** A file's bytes; the download is audited as a view of personal data. */
export async function readMaterialFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  const a = await applicationOf(ctx.db, auth, id);
  const f = await getMaterialFile(auth.scope, ctx.db, id, fileId);
  if (!f) throw notFound('文件');
  const name = a.materials[materialIndexOf(f.kind) ?? -1]?.name ?? '';
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'application.material-view', id, ip, `${name}：${f.name}`));
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

export async function removeMaterialFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip): Promise<MaterialFilesDto> {
  await transaction(ctx.db, async (trx) => {
    const a = await applicationOf(trx, auth, id);
    const f = await getMaterialFile(auth.scope, trx, id, fileId);
    if (!f) throw notFound('文件');
    requireOpen(a.open);
    await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
    if ((await deleteMaterialFile(auth.scope, trx, id, fileId)) !== 1) throw notFound('文件');
    const name = a.materials[materialIndexOf(f.kind) ?? -1]?.name ?? '';
    await audit(trx, ctx, auth, 'application.material-delete', id, ip, `${name}：${f.name}`);
  });
  return listMaterialFiles(ctx, auth, id);
}
