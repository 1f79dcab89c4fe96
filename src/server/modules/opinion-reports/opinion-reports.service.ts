// Public-opinion reports 舆情 (seed §12): 逐级即时上报. On report, every level from the reporting
// unit up to the county (or the top of the deployment) gets a signing entry at once; the
// reporting level is signed by the reporter. Each level signs 签收 (the time is kept, and the time
// it took is shown); the level expected to act (at first the reporting unit) handles it itself
// 自行处置 with its measures, or passes it up 上报 to the next level. Each level has
// `ackHours` (setting) to sign; unsigned entries surface in its staff's work queue.
import { lockOrgTree, placedAt, unitForWrite, unitsForWriteUnscoped, type Stored, type StoredUnit } from '../../platform/stored-unit.repo';
import {
  DEFAULT_ACK_HOURS,
  OPINION_SETTING_KEY,
  opinionDecisionLabels,
  opinionLevelLabels,
  opinionSetting,
  type OpinionCreate,
  type OpinionDecide,
  type OpinionDecision,
  type OpinionDto,
  type OpinionLedgerQuery,
  type OpinionLevel,
  type OpinionLevelDto,
  type OpinionListQuery,
} from '../../../shared/schemas/opinion-reports';
import { addSeconds, secondsBetween } from '../../../shared/rules/dates';
import { hasPermission } from '../../../shared/permissions';
import { transaction, type Tx } from '../../db/transaction';
import type { OpinionReportLevelTable, OpinionReportTable } from '../../db/types';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { readSettingUnscoped } from '../../platform/settings.repo';
import { unitInScope } from '../disputes';
import {
  acknowledgeLevel,
  decideLevel,
  getReport,
  insertReport,
  levelsOf,
  listReports,
  touchReport,
  type LevelRow,
  type ReportFilter,
  type ReportRow,
} from './opinion-reports.repo';

type Ip = string | null;

/** The chain stops at the county; a deployment without one goes to its top. */
const CHAIN_TOP_LEVEL = 'county';

export async function ackHours(ctx: AppContext): Promise<number> {
  const parsed = opinionSetting.safeParse(await readSettingUnscoped(ctx.db, OPINION_SETTING_KEY));
  return parsed.success ? parsed.data.ackHours : DEFAULT_ACK_HOURS;
}

function levelDto(l: LevelRow, r: ReportRow, hours: number, nowIso: string): OpinionLevelDto {
  const due = addSeconds(r.reported_at, hours * 3600);
  return {
    seq: l.seq,
    orgUnitId: l.level_unit_id,
    orgUnitName: l.unit_name,
    acknowledgedAt: l.acknowledged_at,
    acknowledgedByName: l.acknowledged_by_name,
    ackMinutes: l.acknowledged_at ? Math.max(0, Math.round(secondsBetween(r.reported_at, l.acknowledged_at) / 60)) : null,
    ackDueAt: due,
    ackOverdue: l.acknowledged_at ? l.acknowledged_at > due : nowIso > due,
    decision: l.decision as OpinionDecision | null,
    measures: l.measures,
    decidedAt: l.decided_at,
    decidedByName: l.decided_by_name,
    acting: r.status === 'open' && r.acting_seq === l.seq,
  };
}

function toDto(r: ReportRow, levels: LevelRow[], auth: AuthContext, hours: number, nowIso: string): OpinionDto {
  const chain = levels.map((l) => levelDto(l, r, hours, nowIso));
  const mine = chain.find((l) => l.orgUnitId === auth.unit.id) ?? null;
  const write = hasPermission(auth.roles, 'opinionReports:write');
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    foundAt: r.found_at,
    source: r.source,
    summary: r.summary,
    people: r.people,
    level: r.level as OpinionLevel,
    link: r.link,
    note: r.note,
    status: r.status as OpinionDto['status'],
    reportedByName: r.reported_by_name,
    reportedAt: r.reported_at,
    chain,
    myLevel: mine,
    canAcknowledge: write && !!mine && !mine.acknowledgedAt,
    canDecide: write && !!mine && mine.acting,
    myLevelIsTop: !!mine && mine.seq === chain.length - 1,
  };
}

export async function searchReportsOf(ctx: AppContext, auth: AuthContext, rows: ReportRow[]): Promise<OpinionDto[]> {
  return withChains(ctx, auth, rows);
}

async function withChains(ctx: AppContext, auth: AuthContext, rows: ReportRow[]): Promise<OpinionDto[]> {
  const levels = await levelsOf(auth.scope, ctx.db, rows.map((r) => r.id));
  const hours = await ackHours(ctx);
  const now = ctx.clock.now().toISOString();
  return rows.map((r) => toDto(r, levels.filter((l) => l.report_id === r.id), auth, hours, now));
}

export async function requireReport(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<ReportRow> {
  const r = await getReport(auth.scope, db, id);
  if (!r) throw notFound('舆情信息');
  return r;
}

export async function reportDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<OpinionDto> {
  const r = await requireReport(ctx, auth, id);
  return (await withChains(ctx, auth, [r]))[0];
}

export async function reportFilter(ctx: AppContext, auth: AuthContext, q: OpinionLedgerQuery): Promise<ReportFilter> {
  let unitPath: string | undefined;
  if (q.orgUnitId) {
    const u = await unitInScope(auth.scope, ctx.db, q.orgUnitId);
    if (!u) throw notFound('单位');
    unitPath = u.path;
  }
  return { unitPath, level: q.level, status: q.status, inboxUnitId: q.inbox === 'true' ? auth.unit.id : undefined, q: q.q || undefined };
}

export async function searchReports(ctx: AppContext, auth: AuthContext, q: OpinionListQuery) {
  const f = await reportFilter(ctx, auth, q);
  const r = await listReports(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize });
  return { ...r, items: await withChains(ctx, auth, r.items), page: q.page, pageSize: q.pageSize };
}

// ---- writes ----

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: string, targetId: string | null, ip: Ip, detail?: string) {
  await appendAudit(trx, {
    at: ctx.clock.now().toISOString(),
    userId: auth.userId,
    username: auth.username,
    orgUnitId: auth.unit.id,
    action,
    targetType: 'opinion-report',
    targetId,
    result: 'success',
    ip,
    detail: detail ?? null,
  });
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'opinion-report.export', null, ip, detail));
}

/** Files a report from the caller's unit and opens the chain up to the county. */
export async function createReport(ctx: AppContext, auth: AuthContext, input: OpinionCreate, ip: Ip): Promise<OpinionDto> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const foundAt = new Date(input.foundAt).toISOString();
  if (foundAt > addSeconds(at, 300)) throw badRequest('发现时间不能晚于现在', [{ path: 'foundAt', message: '不能晚于现在' }]);
  const reportId = newId(now.getTime());
  await transaction(ctx.db, async (trx) => {
    // the reporting unit and the chain above it as they are now, under the tree lock: every level stores its path
    const lock = await lockOrgTree(trx, ctx.dialect, 'shared');
    const here = await unitForWrite(trx, ctx.dialect, auth.scope, auth.unit.id);
    const ids = here.path.split('/').filter(Boolean);
    const byId = await unitsForWriteUnscoped(trx, lock, ids);
    // from the reporting unit upwards, stopping at the county
    const chain: StoredUnit[] = [];
    for (const id of [...ids].reverse()) {
      const u = byId.get(id);
      if (!u) continue;
      chain.push(u);
      if (u.level === CHAIN_TOP_LEVEL) break;
    }
    const row: Stored<OpinionReportTable> = {
      id: reportId,
      ...placedAt(here),
      found_at: foundAt,
      source: input.source,
      summary: input.summary,
      people: input.people,
      level: input.level,
      link: input.link,
      status: 'open',
      acting_seq: 0,
      note: input.note,
      reported_by: auth.userId,
      reported_by_name: auth.displayName,
      reported_at: at,
      version: 1,
      updated_at: at,
    };
    const levels: Stored<OpinionReportLevelTable, 'level_path'>[] = chain.map((u, seq) => ({
      id: newId(now.getTime()),
      report_id: reportId,
      seq,
      level_unit_id: u.id,
      level_path: u.path,
      // the reporting level is signed by its reporter
      acknowledged_at: seq === 0 ? at : null,
      acknowledged_by_name: seq === 0 ? auth.displayName : '',
      decision: null,
      measures: '',
      decided_at: null,
      decided_by_name: '',
    }));
    await insertReport(auth.scope, trx, row, levels);
    await audit(trx, ctx, auth, 'opinion-report.create', reportId, ip, `${opinionLevelLabels[input.level]} ${input.source}：${input.summary.slice(0, 60)}`);
  });
  return reportDetail(ctx, auth, reportId);
}

function myEntry(r: OpinionDto, auth: AuthContext): OpinionLevelDto {
  if (!r.myLevel) throw new AppError(409, 'NOT_IN_CHAIN', `${auth.unit.name}不在这条舆情的报送链上，无需签收或处置`);
  return r.myLevel;
}

/** 签收 by the caller's unit. */
export async function acknowledgeReport(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<OpinionDto> {
  const r = await reportDetail(ctx, auth, id);
  const mine = myEntry(r, auth);
  if (mine.acknowledgedAt) throw new AppError(409, 'ALREADY_SIGNED', `${mine.orgUnitName}已于 ${mine.acknowledgedAt} 签收`);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await acknowledgeLevel(auth.scope, trx, id, auth.unit.id, at, auth.displayName);
    if (n !== 1) throw conflict('该舆情刚被本单位他人签收，请刷新');
    await touchReport(auth.scope, trx, id, at);
    await audit(trx, ctx, auth, 'opinion-report.acknowledge', id, ip, `${auth.unit.name}签收`);
  });
  return reportDetail(ctx, auth, id);
}

/** The acting level handles it itself or passes it up; deciding signs the entry if not yet. */
export async function decideReport(ctx: AppContext, auth: AuthContext, id: string, input: OpinionDecide, ip: Ip): Promise<OpinionDto> {
  const r = await reportDetail(ctx, auth, id);
  const mine = myEntry(r, auth);
  if (r.status !== 'open') throw new AppError(409, 'HANDLED', '该舆情已处置完毕');
  if (!mine.acting) throw new AppError(409, 'NOT_ACTING', mine.seq < (r.chain.find((l) => l.acting)?.seq ?? 0) ? `${mine.orgUnitName}已${mine.decision ? opinionDecisionLabels[mine.decision as OpinionDecision] : '处理'}，现由上级处置` : `现由${r.chain.find((l) => l.acting)?.orgUnitName ?? '下级'}处置，${mine.orgUnitName}只需签收`);
  if (input.version !== r.version) throw conflict('该舆情已被他人处理，请刷新后再操作（您的操作未保存）');
  const top = mine.seq === r.chain.length - 1;
  if (input.decision === 'passUp' && top) throw badRequest(`${mine.orgUnitName}已是报送链的最高一级，不能再上报，请自行处置`, [{ path: 'decision', message: '最高一级只能自行处置' }]);
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await decideLevel(
      auth.scope,
      trx,
      id,
      input.version,
      mine.seq,
      {
        decision: input.decision,
        measures: input.measures,
        decided_at: at,
        decided_by_name: auth.displayName,
        acknowledged_at: mine.acknowledgedAt ?? at,
        acknowledged_by_name: mine.acknowledgedAt ? mine.acknowledgedByName : auth.displayName,
      },
      { status: input.decision === 'handle' ? 'handled' : 'open', acting_seq: input.decision === 'handle' ? mine.seq : mine.seq + 1, updated_at: at },
    );
    if (n !== 1) throw conflict('该舆情已被他人处理，请刷新后再操作（您的操作未保存）');
    await audit(trx, ctx, auth, `opinion-report.${input.decision === 'handle' ? 'handle' : 'pass-up'}`, id, ip, `${auth.unit.name}${opinionDecisionLabels[input.decision]}${input.measures ? `：${input.measures}` : ''}`);
  });
  return reportDetail(ctx, auth, id);
}
