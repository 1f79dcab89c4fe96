// The semi-annual summary 半年工作总结 (seed §45): a unit's summary of a half-year is opened as a draft
// by its own staff, shows the figures of every module counted now over the unit's subtree and the
// half-year, and the unit's text in three sections (edited here, only by the unit's own staff, only
// while the summary is with them). Submission, return, acceptance and reopening are the kernel's
// actions (summaries.cases.ts): the figures counted at submission are stored and shown from then on.
import { hasPermission } from '../../../shared/permissions';
import { periodDays, periodKind, periodLabel } from '../../../shared/rules/periods';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import type {
  SummaryAcceptInput,
  SummaryChildDto,
  SummaryCreateInput,
  SummaryDetail,
  SummaryDto,
  SummaryEditInput,
  SummaryOverview,
  SummaryOverviewQuery,
  SummaryReturnInput,
  SummaryStatus,
} from '../../../shared/schemas/summaries';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { today } from '../../platform/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { openCase, performAction, readCaseLog } from '../../cases/cases.service';
import { SUMMARY_CASE_TYPE, type SummaryPayload } from './summaries.cases';
import { childrenWithSummaries, getSummary, insertSummary, isUniqueViolation, unitNameUnscoped, summaryExistsUnscoped, summaryOfUnit, updateSummaryText, type SummaryRow } from './summaries.repo';
import { countFiguresOf, groupFigures, type SheetFigure } from './summaries.sheet';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'semi-annual-summary', targetId, ip, detail);
}

export async function auditSummaryExport(ctx: AppContext, auth: AuthContext, id: string, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'summary.export', id, ip, detail));
}

const may = (auth: AuthContext, p: 'summaries:write' | 'summaries:review') => hasPermission(auth.roles, p);

export async function requireSummary(ctx: AppContext, auth: AuthContext, id: string): Promise<SummaryRow> {
  const s = await getSummary(auth.scope, ctx.db, id);
  if (!s) throw notFound('工作总结');
  return s;
}

function toDto(s: SummaryRow): SummaryDto {
  return {
    id: s.id,
    orgUnitId: s.org_unit_id,
    orgUnitName: s.org_unit_name,
    level: s.level,
    halfYear: s.half_year,
    halfYearLabel: periodLabel(s.half_year),
    status: s.status as SummaryStatus,
    version: s.version,
    editVersion: s.edit_version,
    submittedAt: s.submitted_at,
    acceptedAt: s.accepted_at,
    reviewComment: s.review_comment,
    updatedAt: s.updated_at,
  };
}

async function childrenOf(ctx: AppContext, auth: AuthContext, unitId: string, halfYear: string): Promise<SummaryChildDto[]> {
  const rows = await childrenWithSummaries(auth.scope, ctx.db, unitId, halfYear);
  return rows.map(({ unit, summary }) => ({ orgUnitId: unit.id, orgUnitName: unit.name, level: unit.level, summary: summary ? toDto(summary) : null }));
}

const daysOf = (halfYear: string) => periodDays(halfYear)!;

/** The figures a summary shows: frozen at submission once submitted or accepted, else counted now. */
export async function summaryFigures(ctx: AppContext, s: SummaryRow): Promise<{ figures: SheetFigure[]; frozen: boolean; at: string }> {
  const frozen = (s.status === 'submitted' || s.status === 'accepted') && s.figures_json !== null;
  if (frozen) return { figures: JSON.parse(s.figures_json!) as SheetFigure[], frozen: true, at: s.figures_at! };
  const d = daysOf(s.half_year);
  return { figures: await countFiguresOf(ctx.db, { path: s.org_path, from: d.from, to: d.to }), frozen: false, at: ctx.clock.now().toISOString() };
}

/** A unit's page for a half-year: its own summary (or what a draft would start from) and its children's. */
export async function summaryOverview(ctx: AppContext, auth: AuthContext, q: SummaryOverviewQuery): Promise<SummaryOverview> {
  const unit = await requireUnit(ctx, auth, q.orgUnitId ?? auth.unit.id);
  const own = await summaryOfUnit(auth.scope, ctx.db, unit.id, q.halfYear);
  const d = daysOf(q.halfYear);
  const figures = own ? [] : groupFigures(await countFiguresOf(ctx.db, { path: unit.path, from: d.from, to: d.to }));
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    level: unit.level,
    halfYear: q.halfYear,
    halfYearLabel: periodLabel(q.halfYear),
    summary: own ? toDto(own) : null,
    figures,
    children: await childrenOf(ctx, auth, unit.id, q.halfYear),
    canCreate: !own && unit.id === auth.unit.id && unit.level !== 'grid' && may(auth, 'summaries:write') && d.from <= today(ctx),
    hasParent: unit.parent_id !== null,
  };
}

export async function summaryDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<SummaryDetail> {
  const s = await requireSummary(ctx, auth, id);
  const reviewerId = s.status === 'draft' || s.status === 'returned' ? s.parent_id : s.reviewer_unit_id;
  const parent = reviewerId ? await unitNameUnscoped(ctx.db, reviewerId) : undefined;
  const { figures, frozen, at } = await summaryFigures(ctx, s);
  const withOwner = s.status === 'draft' || s.status === 'returned';
  const isOwner = auth.unit.id === s.org_unit_id;
  const isParent = !!s.reviewer_unit_id && auth.unit.id === s.reviewer_unit_id;
  let canReopen = false;
  if (s.status === 'accepted' && isParent && may(auth, 'summaries:review')) {
    const own = await summaryOfUnit(auth.scope, ctx.db, s.reviewer_unit_id!, s.half_year);
    canReopen = own?.status !== 'accepted';
  }
  return {
    ...toDto(s),
    parentUnitName: parent?.name ?? null,
    work: s.work,
    problems: s.problems,
    plans: s.plans,
    figures: groupFigures(figures),
    figuresFrozen: frozen,
    figuresAt: at,
    period: { from: daysOf(s.half_year).from, to: `${s.half_year.slice(0, 4)}-${s.half_year.endsWith('H1') ? '06-30' : '12-31'}` },
    children: await childrenOf(ctx, auth, s.org_unit_id, s.half_year),
    log: await readCaseLog(auth.scope, ctx.db, s.id),
    canEdit: withOwner && isOwner && may(auth, 'summaries:write'),
    canSubmit: withOwner && isOwner && !!s.parent_id && may(auth, 'summaries:write'),
    canReview: s.status === 'submitted' && isParent && may(auth, 'summaries:review'),
    canReopen,
  };
}

/** Opens the draft of the caller's own unit for a half-year that has begun (one per unit and half-year). */
export async function createSummary(ctx: AppContext, auth: AuthContext, input: SummaryCreateInput, ip: Ip): Promise<SummaryDetail> {
  const unit = await requireUnit(ctx, auth, input.orgUnitId);
  if (unit.id !== auth.unit.id) throw forbidden('只能起草本单位的工作总结，上级单位只能查阅下级单位的总结');
  if (unit.level === 'grid') throw badRequest('网格不单独撰写工作总结，由所在村（社区）服务站撰写', [{ path: 'orgUnitId', message: '网格不单独撰写工作总结' }]);
  if (periodKind(input.halfYear) !== 'half') throw badRequest('半年度格式应为 YYYY-H1 或 YYYY-H2', [{ path: 'halfYear', message: '格式不正确' }]);
  const d = daysOf(input.halfYear);
  if (d.from > today(ctx)) throw badRequest(`${periodLabel(input.halfYear)}尚未开始，不能起草工作总结`, [{ path: 'halfYear', message: '尚未开始' }]);
  const at = ctx.clock.now().toISOString();
  const label = periodLabel(input.halfYear);
  const payload: SummaryPayload = { halfYear: input.halfYear, submittedAt: null, acceptedAt: null, reviewComment: '' };
  const id = await transaction(ctx.db, async (trx) => {
    const owner = await unitForWrite(trx, ctx.dialect, auth.scope, unit.id);
    if (await summaryExistsUnscoped(trx, owner.id, input.halfYear)) throw conflict(`本单位${label}工作总结已经起草，请在原总结上修改`);
    const counterpart = owner.parentId ? await unitForWriteUnscoped(trx, ctx.dialect, owner.parentId) : null;
    const caseId = await openCase(trx, ctx, auth, {
      type: SUMMARY_CASE_TYPE,
      owner,
      counterpart,
      title: `${owner.name}${label}工作总结`,
      payload,
      status: 'draft',
      action: 'open',
      data: { halfYear: input.halfYear },
      record: (rowId) =>
        insertSummary(auth.scope, trx, {
          id: rowId,
          ...placedAt(owner),
          half_year: input.halfYear,
          status: 'draft',
          work: '',
          problems: '',
          plans: '',
          edit_version: 1,
          figures_json: null,
          figures_at: null,
          submitted_at: null,
          accepted_at: null,
          review_comment: '',
          version: 1,
          created_by: auth.userId,
          created_at: at,
          updated_at: at,
        }),
    });
    await audit(trx, ctx, auth, 'summary.create', caseId, ip, `${owner.name}${label}工作总结`);
    return caseId;
  }).catch((e: unknown) => {
    // a draft opened by a colleague in the same moment
    if (isUniqueViolation(e)) throw conflict(`本单位${label}工作总结已经起草，请在原总结上修改`);
    throw e;
  });
  return summaryDetail(ctx, auth, id);
}

/** Saves the unit's text: its own staff only, only while the summary is a draft or returned to them. */
export async function editSummary(ctx: AppContext, auth: AuthContext, id: string, input: SummaryEditInput, ip: Ip): Promise<SummaryDetail> {
  const s = await requireSummary(ctx, auth, id);
  if (auth.unit.id !== s.org_unit_id) throw forbidden('只能修改本单位的工作总结，上级单位只能查阅下级单位的总结');
  if (s.status !== 'draft' && s.status !== 'returned') throw new AppError(409, 'LOCKED', s.status === 'accepted' ? '工作总结已审核通过并锁定，不能再修改' : '工作总结已提交上级审核，不能修改（如需修改请等待退回）');
  if (s.edit_version !== input.editVersion) throw conflict('工作总结已被他人修改，请刷新后再操作（您的修改未保存）');
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const done = await updateSummaryText(auth.scope, trx, s.id, input.editVersion, { work: input.work, problems: input.problems, plans: input.plans }, at);
    if (!done) throw conflict('工作总结已被他人修改或已提交，请刷新后再操作（您的修改未保存）');
    await audit(trx, ctx, auth, 'summary.update', s.id, ip, `${s.org_unit_name}${periodLabel(s.half_year)}工作总结`);
  });
  return summaryDetail(ctx, auth, s.id);
}

async function act(ctx: AppContext, auth: AuthContext, id: string, action: 'submit' | 'return' | 'accept' | 'reopen', version: number, comment: string, ip: Ip): Promise<SummaryDetail> {
  const s = await requireSummary(ctx, auth, id);
  // the kernel checks these too (mayAct); here they get their own words
  if (action === 'submit' && auth.unit.id !== s.org_unit_id) throw forbidden('只能提交本单位的工作总结，上级单位只能查阅下级单位的总结');
  if (action !== 'submit' && auth.unit.id !== s.reviewer_unit_id) throw forbidden('工作总结由上一级单位审核，本单位不能退回、通过或重新打开该总结');
  await performAction(ctx, auth, id, { action, comment, version }, ip);
  return summaryDetail(ctx, auth, id);
}

export const submitSummary = (ctx: AppContext, auth: AuthContext, id: string, input: { version: number }, ip: Ip) => act(ctx, auth, id, 'submit', input.version, '', ip);
export const returnSummary = (ctx: AppContext, auth: AuthContext, id: string, input: SummaryReturnInput, ip: Ip) => act(ctx, auth, id, 'return', input.version, input.comment, ip);
export const acceptSummary = (ctx: AppContext, auth: AuthContext, id: string, input: SummaryAcceptInput, ip: Ip) => act(ctx, auth, id, 'accept', input.version, input.comment, ip);
export const reopenSummary = (ctx: AppContext, auth: AuthContext, id: string, input: SummaryReturnInput, ip: Ip) => act(ctx, auth, id, 'reopen', input.version, input.comment, ip);
