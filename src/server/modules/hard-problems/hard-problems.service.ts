// Hard problems 疑难问题 (seed §8): reporting opens the kernel case `hardProblem` (hard-problems.cases.ts:
// no status set here, the history is the case's log) with its attachments as files of the case, in
// one transaction; every action runs through the kernel. The county's monthly review list shows
// the open problems it handles with the day of the last review. Every write is audited.
import { today } from '../../platform/clock';
import {
  HARD_PROBLEM_CASE_TYPE,
  hardProblemCategoryLabels,
  hardProblemStatusLabels,
  type HardProblemAction,
  type HardProblemActionBody,
  type HardProblemCreate,
  type HardProblemDetail,
  type HardProblemDto,
  type HardProblemLedgerQuery,
  type HardProblemLevel,
  type HardProblemReviewList,
  type HardProblemReviewQuery,
  type HardProblemStatus,
} from '../../../shared/schemas/hard-problems';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { dayDueMarks } from '../../../shared/rules/due-marks';
import { periodDays } from '../../../shared/rules/periods';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { pathIsWithin } from '../../platform/jurisdiction';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { availableActions, openCase, performAction, readCaseLog, readCaseLogs, requireCase } from '../../cases/cases.service';
import { caseFilesOf } from '../../cases/case-files.repo';
import { checkedUploads, storeCaseFiles, toCaseFileDto } from '../../cases/case-files';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { HardProblemPayload } from './hard-problems.cases';
import { hardProblemArrived } from './hard-problems.events';
import { publish } from '../../platform/events';
import {
  getHardProblem,
  insertHardProblem,
  listHardProblems,
  openProblemsAt,
  recipientInScope,
  unitByIdUnscoped,
  type HardProblemFilter,
  type HardProblemRow,
} from './hard-problems.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
export const HARD_PROBLEM_FILES = 'hardProblem';
/** The levels a problem can be reported to (the raising unit's parent). */
const RECEIVING_LEVELS: readonly string[] = ['township', 'county', 'city'];

export async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'hard-problem', targetId, ip, detail);
}

export function toHardProblemDto(r: HardProblemRow, day: string): HardProblemDto {
  const status = r.status as HardProblemStatus;
  const open = status === 'township' || status === 'county' || status === 'city';
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    category: r.category as HardProblemDto['category'],
    title: r.title,
    status,
    statusLabel: hardProblemStatusLabels[status] ?? status,
    atUnitId: open ? r.at_unit_id : null,
    atUnitName: open ? r.at_unit_name : null,
    firstLevel: r.first_level as HardProblemLevel,
    reportedOn: r.reported_on,
    dueDay: open ? r.due_day : null,
    overdue: open && dayDueMarks(r.due_day, day).overdue,
    lastReviewOn: r.last_review_on,
    closedOn: r.closed_on,
    resolvedLevel: r.resolved_level as HardProblemLevel | null,
    resolvedUnitName: r.resolved_unit_name,
    resolution: r.resolution,
    updatedAt: r.updated_at,
  };
}

export async function hardProblemFilter(ctx: AppContext, auth: AuthContext, q: HardProblemLedgerQuery): Promise<HardProblemFilter> {
  const period = q.period ? periodDays(q.period) : null;
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    status: q.status,
    level: q.level,
    category: q.category,
    from: period?.from,
    to: period?.to,
    waitingOnUnitId: q.waitingOnMe === 'true' ? auth.unit.id : undefined,
  };
}

export async function searchHardProblems(ctx: AppContext, auth: AuthContext, q: HardProblemLedgerQuery & { page: number; pageSize: number }) {
  const f = await hardProblemFilter(ctx, auth, q);
  const r = await listHardProblems(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  const day = today(ctx);
  return { ...r, items: r.items.map((x) => toHardProblemDto(x, day)), page: q.page, pageSize: q.pageSize };
}

export async function requireHardProblem(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<HardProblemRow> {
  const r = await getHardProblem(auth.scope, db, id);
  if (!r) throw notFound('疑难问题');
  return r;
}

export async function hardProblemDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<HardProblemDetail> {
  const r = await requireHardProblem(ctx, auth, id);
  const c = await requireCase(ctx, auth.scope, id);
  const log = await readCaseLog(auth.scope, ctx.db, id);
  const files = (await caseFilesOf(auth.scope, ctx.db, id, HARD_PROBLEM_FILES)).map(toCaseFileDto);
  const data = (e: (typeof log)[number]) => (e.data ?? {}) as Record<string, string>;
  return {
    ...toHardProblemDto(r, today(ctx)),
    description: r.description,
    tried: r.tried,
    recipientIdMasked: r.recipient_id_masked,
    files,
    studies: log
      .filter((e) => e.action === 'study')
      .map((e) => ({ seq: e.seq, studiedOn: data(e).studiedOn, participants: data(e).participants, notes: data(e).notes, unitName: e.actorUnitName, by: e.actorName })),
    reviews: log
      .filter((e) => e.action === 'review')
      .map((e) => ({ seq: e.seq, reviewedOn: data(e).reviewedOn, decision: data(e).decision, ownerName: data(e).ownerName, dueOn: data(e).dueOn, unitName: e.actorUnitName, by: e.actorName })),
    log,
    allowed: availableActions(c, auth).map((a) => a.name as HardProblemAction),
  };
}

/**
 * Reports a problem of a unit of the caller's range (its own or one below it) to that unit's parent,
 * which must be a township, county or city unit; the person concerned, if named, is a registered
 * recipient of the raising unit's range. The attachments are checked first (one bad file refuses
 * the report) and stored with the case in its transaction.
 */
export async function reportHardProblem(ctx: AppContext, auth: AuthContext, input: HardProblemCreate, ip: Ip): Promise<HardProblemDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (!unit.parent_id) throw badRequest('上报单位没有上级单位，无法上报', [{ path: 'orgUnitId', message: '没有上级单位' }]);
  let person: { id: string; name: string } | null = null;
  if (input.recipientId) {
    const p = await recipientInScope(auth.scope, ctx.db, input.recipientId);
    if (!p) throw notFound('服务对象');
    if (p.status !== 'registered') throw badRequest('该服务对象尚未通过信息采集审核入库', [{ path: 'recipientId', message: '未入库' }]);
    if (!pathIsWithin(p.org_path, unit.path)) throw badRequest('涉及人员须是上报单位辖区内的服务对象', [{ path: 'recipientId', message: '不在上报单位辖区内' }]);
    person = { id: p.id, name: p.name };
  }
  const bytes = checkedUploads(input.files);
  const at = ctx.clock.now().toISOString();
  const id = await transaction(ctx.db, async (trx) => {
    const parent = await unitByIdUnscoped(trx, unit.parent_id as string);
    if (!parent || parent.active !== 1) throw badRequest('上报单位没有上级单位，无法上报', [{ path: 'orgUnitId', message: '没有上级单位' }]);
    if (!RECEIVING_LEVELS.includes(parent.level)) throw badRequest('疑难问题报送乡镇（街道）、县级或市级单位研究：请由村（社区）及以上服务站上报', [{ path: 'orgUnitId', message: '上级单位不是乡镇、县或市' }]);
    const firstLevel = parent.level as HardProblemLevel;
    const owner = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    const counterpart = await unitForWriteUnscoped(trx, ctx.dialect, parent.id);
    const payload: HardProblemPayload = { recipientId: person?.id ?? null, firstLevel, lastReviewOn: null, resolution: null, resolvedLevel: null, resolvedUnitName: null };
    const caseId = await openCase(trx, ctx, auth, {
      type: HARD_PROBLEM_CASE_TYPE,
      owner,
      counterpart,
      ...(person && { subject: { type: 'recipient', id: person.id } }),
      title: `疑难问题：${input.title}`,
      payload,
      status: firstLevel,
      action: 'report',
      data: { category: input.category, title: input.title },
      record: (rowId) =>
        insertHardProblem(auth.scope, trx, {
          id: rowId,
          ...placedAt(owner),
          recipient_id: person?.id ?? null,
          category: input.category,
          title: input.title,
          description: input.description,
          tried: input.tried,
          first_level: firstLevel,
          reported_on: shanghaiDay(new Date(at)),
          status: firstLevel,
          at_unit_id: null,
          due_day: null,
          last_review_on: null,
          closed_on: null,
          resolved_level: null,
          resolved_unit_name: null,
          resolution: null,
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await publish(trx, ctx, hardProblemArrived, { caseId, title: `疑难问题：${input.title}`, atUnit: { id: counterpart.id, path: counterpart.path }, level: firstLevel, raisingUnitId: unit.id, how: 'report', at });
    if (input.files.length) await storeCaseFiles(trx, ctx, auth, caseId, owner, HARD_PROBLEM_FILES, input.files, bytes);
    await audit(trx, ctx, auth, 'hard-problem.create', caseId, ip, `${unit.name}（${hardProblemCategoryLabels[input.category]}）${input.title}${person ? `，涉及 ${person.name}` : ''} → ${parent.name}`);
    return caseId;
  });
  return hardProblemDetail(ctx, auth, id);
}

/** Runs one action: the module's own refusals first (closed, stale), then the kernel checks everything again in its transaction. */
export async function actOnHardProblem(ctx: AppContext, auth: AuthContext, id: string, body: HardProblemActionBody, ip: Ip): Promise<HardProblemDetail> {
  const r = await requireHardProblem(ctx, auth, id);
  if (r.status === 'resolved' || r.status === 'withdrawn') throw new AppError(409, 'CLOSED', `该疑难问题${hardProblemStatusLabels[r.status as HardProblemStatus]}，不能再办理`);
  if (body.version !== r.version) throw conflict('该疑难问题已被他人办理，请刷新后再操作（您的操作未保存）');
  const { action, comment, version, ...data } = body;
  await performAction(ctx, auth, id, { action, comment, version, data }, ip);
  return hardProblemDetail(ctx, auth, id);
}

/**
 * The monthly review 每月研究 (§8: 县级退役军人服务中心原则上每月): the open problems a unit of the
 * caller's range handles now, each with the day of its last review, marked when no review entry of
 * the log is dated in the month.
 */
export async function hardProblemReviewList(ctx: AppContext, auth: AuthContext, q: HardProblemReviewQuery): Promise<HardProblemReviewList> {
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  const month = q.month ?? day.slice(0, 7);
  const rows = await openProblemsAt(auth.scope, ctx.db, unit.id);
  // a month's reviews are the log's review entries dated in it (a later review does not hide an earlier month's)
  const logs = await readCaseLogs(auth.scope, ctx.db, rows.map((r) => r.id));
  const reviewedIn = (id: string) => (logs.get(id) ?? []).some((e) => e.action === 'review' && String((e.data as { reviewedOn?: string } | null)?.reviewedOn ?? '').slice(0, 7) === month);
  const items = rows.map((r) => ({ ...toHardProblemDto(r, day), reviewedThisMonth: reviewedIn(r.id) }));
  return { month, unitId: unit.id, unitName: unit.name, items, notReviewed: items.filter((i) => !i.reviewedThisMonth).length };
}
