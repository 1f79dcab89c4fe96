// 督办 and 交办 as a feature of the case kernel (like public-notice.ts), shared by every case type
// that needs them (petitions, rights cases): a type spreads `supervisionActions(...)` (and, for
// assignments, `assignmentActions(...)`) into its actions. Each notice is a row of
// case_supervisions with its reply deadline (working days on the legal calendar, cases/deadlines),
// written by the action's effect in the kernel's transaction; the action itself is logged and
// audited by the kernel like any other (it keeps the case in its state).
// - 督办 supervise: a user of a unit ABOVE the case's unit issues a notice on it; it reaches the
//   case unit's work queue; a user of that unit (or below) records the reply.
// - 交办 assign: the case's unit assigns it down to a unit below it (which then sees the case and
//   has the item in its work queue) or out to another department by name; the reply received is
//   recorded by the assigning unit.
// An unanswered notice past its day is overdue (shared/rules/due-marks), on the case and in the queue.
import type { z } from '../../shared/zod-setup';
import { hasPermission, readPermissionOf, type Domain, type Permission } from '../../shared/permissions';
import type { WorkItemDto } from '../../shared/schemas/cases';
import { assignInput, replyReviewInput, superviseInput, supervisionKindLabels, supervisionReplyInput, unitReplyInput, type CaseSupervisionDto, type SupervisionKind } from '../../shared/schemas/supervision';
import { shanghaiDay } from '../../shared/rules/dates';
import { dayDueMarks } from '../../shared/rules/due-marks';
import type { Tx } from '../db/transaction';
import type { AuthContext } from '../platform/auth';
import { AppError, badRequest, conflict, notFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { pathInScope, pathIsWithin, type Scope } from '../platform/jurisdiction';
import { unitForWrite, unitForWriteUnscoped } from '../platform/stored-unit.repo';
import { allCaseTypes, caseTypeOf, SAME_STATE, type ActionEnv, type CaseActionDef } from './case-type';
import type { CaseRow } from './cases.repo';
import { dueDayFor } from './deadlines';
import { assignmentForTarget, countDueSupervisionsOf, dueSupervisionsOf, insertSupervision, nextSupervisionSeq, setReplyReview, setSupervisionReply, setUnitReply, supervisionOfCase, supervisionsOf } from './supervision.repo';
import { registerWorkQueueProvider } from './work-queue';
import { caseFilesOf, type CaseFileMeta } from './case-files.repo';
import { toCaseFileDto } from './case-files';

export type AssignmentAction = 'assign' | 'assignmentReply' | 'assignmentUnitReply' | 'assignmentAccept' | 'assignmentReturn';

type Check<P> = (c: CaseRow, auth: AuthContext, payload: P) => boolean;

/** Whether the user's own unit is strictly above the case's unit (and the case in their range). */
export function unitAboveCase(c: Pick<CaseRow, 'org_path'>, auth: AuthContext): boolean {
  return auth.unit.path !== c.org_path && pathIsWithin(c.org_path, auth.unit.path) && pathInScope(auth.scope, c.org_path);
}

function dayOf(at: string): string {
  return shanghaiDay(new Date(at));
}

async function issue<P>(env: ActionEnv<P>, kind: SupervisionKind, target: { unitId: string; external: string | null }, content: string, replyDays: number): Promise<void> {
  const { trx, ctx, auth, caseRow: c } = env;
  const today = dayOf(env.at);
  const dueDay = await dueDayFor(ctx, trx, today, { days: replyDays, kind: 'working' });
  const targetUnit = await unitForWriteUnscoped(trx, ctx.dialect, target.unitId);
  const issuer = await unitForWrite(trx, ctx.dialect, auth.scope, auth.unit.id);
  await insertSupervision(auth.scope, trx, targetUnit, issuer, {
    id: newId(),
    case_id: c.id,
    case_type: c.case_type,
    kind,
    seq: await nextSupervisionSeq(trx, c.id),
    external_body: target.external,
    issued_by: auth.userId,
    issued_by_name: auth.displayName,
    issued_on: today,
    due_day: dueDay,
    content,
    created_at: env.at,
  });
}

async function recordReply<P>(env: ActionEnv<P>, kinds: readonly SupervisionKind[]): Promise<void> {
  const i = env.input as z.infer<typeof supervisionReplyInput>;
  const { trx, auth, caseRow: c } = env;
  const s = await supervisionOfCase(auth.scope, trx, c.id, i.supervisionId);
  if (!s || !kinds.includes(s.kind as SupervisionKind)) throw notFound('督办（交办）事项');
  if (s.replied_on !== null) throw new AppError(409, 'ALREADY_REPLIED', `该${supervisionKindLabels[s.kind as SupervisionKind]}事项已于 ${s.replied_on} 回复`);
  // a 交办 to a unit of the tree is answered by that unit itself (assignmentUnitReply)
  if (s.kind === 'assign' && s.external_body === null) throw new AppError(403, 'FORBIDDEN', '交办下级单位的事项由接收单位自行回复');
  // 督办: answered by the supervised unit (or a unit below it); 交办 to a department: the reply received is recorded by the assigning unit
  const answeringPath = s.kind === 'supervise' ? s.org_path : s.issuer_path;
  if (!pathIsWithin(auth.unit.path, answeringPath)) throw new AppError(403, 'FORBIDDEN', s.kind === 'supervise' ? '督办事项由被督办单位回复' : '交办事项的回复由交办单位登记');
  if (i.repliedOn > dayOf(env.at)) throw badRequest('回复日期不能晚于今天', [{ path: 'repliedOn', message: '不能晚于今天' }]);
  if (i.repliedOn < s.issued_on) throw badRequest(`回复日期不能早于${supervisionKindLabels[s.kind as SupervisionKind]}日期（${s.issued_on}）`, [{ path: 'repliedOn', message: '不能早于发出日期' }]);
  if (!(await setSupervisionReply(auth.scope, trx, c.id, s.id, { reply: i.reply, replied_on: i.repliedOn, replied_by_name: auth.displayName }))) throw conflict('该事项已被他人回复，请刷新后再操作');
}

/**
 * 督办 on a case of `domain`, while it is in one of `from`: `supervise` (issued from a unit above
 * the case's unit) and `supervisionReply` (the supervised unit answers). `mayAct` narrows who of
 * the case's unit may answer (e.g. the petition's handler or a head).
 */
export function supervisionActions<P>(domain: Domain, from: readonly string[], opts: { mayReply?: Check<P>; permission?: Permission } = {}): Record<'supervise' | 'supervisionReply', CaseActionDef<P>> {
  const permission = opts.permission ?? (`${domain}:write` as Permission);
  return {
    supervise: {
      label: '督办',
      from,
      to: SAME_STATE,
      permission,
      actor: 'owner',
      input: superviseInput,
      mayAct: (c, auth) => unitAboveCase(c, auth),
      effect: async (env) => {
        const i = env.input as z.infer<typeof superviseInput>;
        await issue(env, 'supervise', { unitId: env.caseRow.org_unit_id, external: null }, i.content, i.replyDays);
      },
    },
    supervisionReply: {
      label: '回复督办',
      from,
      to: SAME_STATE,
      permission,
      actor: 'owner',
      input: supervisionReplyInput,
      mayAct: (c, auth, p) => !unitAboveCase(c, auth) && (!opts.mayReply || opts.mayReply(c, auth, p)),
      effect: async (env) => recordReply(env, ['supervise']),
    },
  };
}

/**
 * 交办 of a case of `domain`, while it is in one of `from`: `assign` down to a unit below the
 * case's unit (granted sight of the case) or out to a department, and `assignmentReply` (the reply
 * received, recorded by the case's unit). A restricted case (检举控告) is never assigned down.
 */
export function assignmentActions<P>(domain: Domain, from: readonly string[], opts: { mayAct?: Check<P> } = {}): Record<AssignmentAction, CaseActionDef<P>> {
  const permission = `${domain}:write` as Permission;
  const atCaseUnit: Check<P> = (c, auth, p) => !unitAboveCase(c, auth) && (!opts.mayAct || opts.mayAct(c, auth, p));
  return {
    assign: {
      label: '交办',
      from,
      to: SAME_STATE,
      permission,
      actor: 'owner',
      input: assignInput,
      mayAct: atCaseUnit,
      effect: async (env) => {
        const i = env.input as z.infer<typeof assignInput>;
        const c = env.caseRow;
        if (i.target === 'department') {
          await issue(env, 'assign', { unitId: c.org_unit_id, external: i.department }, i.content, i.replyDays);
          return;
        }
        if (c.restricted === 1) throw new AppError(409, 'RESTRICTED', '检举控告类事项不能交办下级单位');
        const unit = await unitForWrite(env.trx, env.ctx.dialect, env.auth.scope, i.orgUnitId!).catch(() => {
          throw badRequest('交办单位不在您的管辖范围内', [{ path: 'orgUnitId', message: '不在管辖范围内' }]);
        });
        if (unit.path === c.org_path || !pathIsWithin(unit.path, c.org_path)) throw badRequest('只能交办给本单位的下级单位', [{ path: 'orgUnitId', message: '不是本单位的下级单位' }]);
        // no grant: the lower unit sees the assignment (its work queue, /api/assignments/:id), not the case
        await issue(env, 'assign', { unitId: unit.id, external: null }, i.content, i.replyDays);
      },
    },
    assignmentReply: {
      label: '登记交办回复',
      from,
      to: SAME_STATE,
      permission,
      actor: 'owner',
      input: supervisionReplyInput,
      mayAct: atCaseUnit,
      effect: async (env) => recordReply(env, ['assign']),
    },
    assignmentUnitReply: {
      label: '下级单位回复交办',
      from,
      to: SAME_STATE,
      permission,
      actor: 'owner',
      input: unitReplyInput,
      delegated: true,
      effect: async (env) => {
        const i = env.input as z.infer<typeof unitReplyInput>;
        const { trx, auth, caseRow: c } = env;
        // the same check as the route's, again inside the transaction: the item is this case's, assigned to the caller's unit (or one below the caller)
        const s = await assignmentForTarget(auth.scope, trx, i.supervisionId);
        if (!s || s.case_id !== c.id) throw notFound('交办事项');
        if (!pathIsWithin(auth.unit.path, s.org_path)) throw new AppError(403, 'FORBIDDEN', '交办事项由接收单位回复');
        if (s.review === 'accepted') throw new AppError(409, 'ACCEPTED', `该交办事项的回复已于 ${s.reviewed_on ?? ''} 被采纳，不能再修改`);
        if (s.replied_on !== null) throw new AppError(409, 'ALREADY_REPLIED', `该交办事项已于 ${s.replied_on} 回复，等待交办单位审核`);
        if (i.repliedOn > dayOf(env.at)) throw badRequest('回复日期不能晚于今天', [{ path: 'repliedOn', message: '不能晚于今天' }]);
        if (i.repliedOn < s.issued_on) throw badRequest(`回复日期不能早于交办日期（${s.issued_on}）`, [{ path: 'repliedOn', message: '不能早于交办日期' }]);
        if (!(await setUnitReply(trx, c.id, s.id, { reply: i.reply, result: i.result, replied_on: i.repliedOn, replied_by_name: auth.displayName }))) throw conflict('该事项已被他人回复，请刷新后再操作');
      },
    },
    assignmentAccept: {
      label: '采纳交办回复',
      from,
      to: SAME_STATE,
      permission,
      actor: 'owner',
      input: replyReviewInput,
      mayAct: atCaseUnit,
      effect: async (env) => reviewReply(env, 'accepted'),
    },
    assignmentReturn: {
      label: '退回交办回复',
      from,
      to: SAME_STATE,
      permission,
      actor: 'owner',
      requireComment: true,
      input: replyReviewInput,
      mayAct: atCaseUnit,
      effect: async (env) => reviewReply(env, 'returned'),
    },
  };
}

/** The assigning unit's review of a lower unit's reply: accepted (final) or returned with the comment (to be answered again). */
async function reviewReply<P>(env: ActionEnv<P>, review: 'accepted' | 'returned'): Promise<void> {
  const i = env.input as z.infer<typeof replyReviewInput>;
  const { trx, auth, caseRow: c } = env;
  const s = await supervisionOfCase(auth.scope, trx, c.id, i.supervisionId);
  if (!s || s.kind !== 'assign' || s.external_body !== null) throw notFound('交办下级单位的事项');
  if (!pathIsWithin(auth.unit.path, s.issuer_path)) throw new AppError(403, 'FORBIDDEN', '交办回复由交办单位审核');
  if (s.review === 'accepted') throw new AppError(409, 'ACCEPTED', '该交办回复已采纳');
  if (s.replied_on === null) throw new AppError(409, 'NOT_REPLIED', '接收单位尚未回复该交办事项');
  const ok = await setReplyReview(auth.scope, trx, c.id, s.id, review, { reviewed_on: dayOf(env.at), review_comment: env.comment, reviewed_by_name: auth.displayName });
  if (!ok) throw conflict('该交办回复已被他人审核，请刷新后再操作');
}

export function toSupervisionDto(s: Awaited<ReturnType<typeof supervisionsOf>>[number], today: string, files: CaseFileMeta[] = []): CaseSupervisionDto {
  const open = s.replied_on === null;
  const marks = dayDueMarks(s.due_day, today);
  return {
    id: s.id,
    kind: s.kind as SupervisionKind,
    kindLabel: supervisionKindLabels[s.kind as SupervisionKind],
    seq: s.seq,
    targetName: s.external_body ?? s.target_unit_name,
    external: s.external_body !== null,
    issuerUnitName: s.issuer_unit_name,
    issuedByName: s.issued_by_name,
    issuedOn: s.issued_on,
    dueDay: s.due_day,
    content: s.content,
    reply: s.reply,
    repliedOn: s.replied_on,
    repliedByName: s.replied_by_name,
    result: s.result,
    review: s.review as CaseSupervisionDto['review'],
    reviewComment: s.review_comment,
    reviewedOn: s.reviewed_on,
    reviewedByName: s.reviewed_by_name,
    returns: Number(s.returns),
    files: files.filter((f) => f.kind === `reply:${s.id}`).map(toCaseFileDto),
    overdue: open && marks.overdue,
    dueSoon: open && marks.dueSoon,
  };
}

/** The notices and assignments of a case the caller sees (empty otherwise), for a module's detail DTO. */
export async function caseSupervisions(scope: Scope, db: Tx, caseId: string, today: string): Promise<CaseSupervisionDto[]> {
  const [rows, files] = await Promise.all([supervisionsOf(scope, db, [caseId]), caseFilesOf(scope, db, caseId, 'reply:')]);
  return rows.map((s) => toSupervisionDto(s, today, files));
}

/** The case types whose notices the roles answer: the domain's read permission and a supervision action's. */
function answeringTypes(roles: readonly string[]): string[] {
  return allCaseTypes()
    .filter((d) => hasPermission(roles, readPermissionOf(d.domain)) && ['supervisionReply', 'assignmentReply', 'assignmentUnitReply'].some((a) => d.actions[a] && hasPermission(roles, d.actions[a].permission)))
    .map((d) => d.type);
}

const QUEUE_MAX = 200;

registerWorkQueueProvider({
  name: 'supervisions',
  async count(ctx, auth) {
    return countDueSupervisionsOf(auth.scope, ctx.db, auth.unit.path, answeringTypes(auth.roles), shanghaiDay(ctx.clock.now()));
  },
  async list(ctx, auth): Promise<WorkItemDto[]> {
    const today = shanghaiDay(ctx.clock.now());
    const rows = await dueSupervisionsOf(auth.scope, ctx.db, auth.unit.path, answeringTypes(auth.roles), QUEUE_MAX);
    return rows.map((r) => {
      const def = caseTypeOf(r.case_type);
      const kind = supervisionKindLabels[r.kind as SupervisionKind];
      const marks = dayDueMarks(r.due_day, today);
      return {
        provider: 'supervisions',
        id: r.id,
        title: r.external_body ? `${kind}${r.external_body}：${r.title}` : `${r.issuer_unit_name}${kind}：${r.title}`,
        typeLabel: `${def?.label ?? r.case_type}·${kind}`,
        statusLabel: '待回复',
        unitName: r.target_unit_name,
        waitingSince: r.created_at,
        daysWaiting: Math.max(0, Math.round((Date.parse(today + 'T00:00:00Z') - Date.parse(r.issued_on + 'T00:00:00Z')) / 86400_000)),
        dueDay: r.due_day,
        dueAt: null,
        overdue: marks.overdue,
        dueSoon: marks.dueSoon,
        // a 交办 to this unit opens the assignment (the unit does not see the case)
        link: r.kind === 'assign' && !r.external_body ? `/assignments/${r.id}` : def ? def.link({ id: r.case_id, subject_id: null }) : `/cases/${r.case_id}`,
      };
    });
  },
});

