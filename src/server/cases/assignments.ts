// A 交办 as the lower unit it was assigned to works on it (issue 14): it sees the item in its work
// queue and here — the matter's title, what is asked, the deadline, its own reply and the assigning
// unit's review — but not the case, and records its reply (what was done, result, optional files)
// as the kernel's delegated action `assignmentUnitReply`, logged on the case for the assigning unit.
import type { AssignmentDto, AssignmentReplyBody } from '../../shared/schemas/supervision';
import { shanghaiDay } from '../../shared/rules/dates';
import { hasPermission, readPermissionOf } from '../../shared/permissions';
import { transaction, type Tx } from '../db/transaction';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { forbidden, notFound } from '../platform/errors';
import { pathIsWithin } from '../platform/jurisdiction';
import { unitForWrite } from '../platform/stored-unit.repo';
import { auditedFileBytes, checkedUploads, storeCaseFiles } from './case-files';
import { assignmentFileOf, assignmentFilesOf } from './case-files.repo';
import { caseTypeOf } from './case-type';
import { performDelegatedActionIn } from './cases.service';
import { toSupervisionDto } from './supervision';
import { assignmentForTarget } from './supervision.repo';

type Ip = string | null;

async function requireAssignment(db: Tx, auth: AuthContext, id: string) {
  const s = await assignmentForTarget(auth.scope, db, id);
  const def = s && caseTypeOf(s.case_type);
  if (!s || !def) throw notFound('交办事项');
  if (!hasPermission(auth.roles, readPermissionOf(def.domain))) throw forbidden();
  return { s, def };
}

export async function assignmentDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<AssignmentDto> {
  const { s, def } = await requireAssignment(ctx.db, auth, id);
  const files = await assignmentFilesOf(auth.scope, ctx.db, id);
  const action = def.actions.assignmentUnitReply;
  const mayReply =
    s.case_open === 1 &&
    !!action &&
    action.from.includes(s.case_status) &&
    hasPermission(auth.roles, action.permission) &&
    pathIsWithin(auth.unit.path, s.org_path) &&
    s.replied_on === null &&
    s.review !== 'accepted';
  return { ...toSupervisionDto(s, shanghaiDay(ctx.clock.now()), files), caseTypeLabel: def.label, caseTitle: s.title, caseOpen: s.case_open === 1, mayReply };
}

/** The lower unit's reply with its files, in one transaction: the kernel's action, then the files under the unit. */
export async function replyToAssignment(ctx: AppContext, auth: AuthContext, id: string, body: AssignmentReplyBody, ip: Ip): Promise<AssignmentDto> {
  const bytes = checkedUploads(body.files);
  await transaction(ctx.db, async (trx) => {
    const { s } = await requireAssignment(trx, auth, id);
    await performDelegatedActionIn(trx, ctx, auth, s.case_id, { action: 'assignmentUnitReply', comment: '', version: s.case_version, data: { supervisionId: s.id, reply: body.reply, result: body.result, repliedOn: body.repliedOn } }, ip);
    if (body.files.length) {
      const unit = await unitForWrite(trx, ctx.dialect, auth.scope, s.org_unit_id);
      await storeCaseFiles(trx, ctx, auth, s.case_id, unit, `reply:${s.id}`, body.files, bytes);
    }
  });
  return assignmentDetail(ctx, auth, id);
}

/** A reply's file, for the unit it was assigned to and the units above it in range (the assigning unit); audited. */
export async function readAssignmentFile(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await requireAssignment(ctx.db, auth, id);
  const f = await assignmentFileOf(auth.scope, ctx.db, id, fileId);
  if (!f) throw notFound('文件');
  return transaction(ctx.db, (trx) => auditedFileBytes(trx, ctx, auth, f, { action: 'assignment.file-view', targetType: 'case', targetId: f.owner_id, ip }));
}
