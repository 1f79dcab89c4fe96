// Public-opinion reports 舆情 (seed §12): 逐级即时上报, on the case kernel (opinion-reports.cases.ts).
// A report is seen at once by every unit above the reporting one; it waits on one level at a time:
// the reporting level (signed by the reporter) handles it itself 自行处置 with its measures or
// passes it up 上报; the next level signs 签收 within `ackHours` hours (the time it took is shown)
// and in turn handles it or passes it up, up to the county. The signing chain shown and printed is
// read from the case's log.
import { placedAt, unitForWrite } from '../../platform/stored-unit.repo';
import {
  OPINION_CASE_TYPE,
  opinionDecisionLabels,
  opinionLevelLabels,
  type OpinionCreate,
  type OpinionDecide,
  type OpinionDecision,
  type OpinionDto,
  type OpinionLedgerQuery,
  type OpinionLevel,
  type OpinionLevelDto,
  type OpinionListQuery,
} from '../../../shared/schemas/opinion-reports';
import type { CaseLogEntryDto } from '../../../shared/schemas/cases';
import { addSeconds, secondsBetween } from '../../../shared/rules/dates';
import { hasPermission } from '../../../shared/permissions';
import { getCases } from '../../cases/cases.repo';
import { openCase, performAction, readCaseLogs } from '../../cases/cases.service';
import { transaction, type Tx } from '../../db/transaction';
import { auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { unitInScope } from '../disputes';
import { ackHoursSetting, opinionCaseType, opinionPayload, type OpinionPayload } from './opinion-reports.cases';
import { chainUnitsUnscoped, getReport, insertReport, listReports, type ReportFilter, type ReportRow } from './opinion-reports.repo';
import type { AuditAction } from '../../../shared/schemas/audit-logs';

type Ip = string | null;

/** The chain stops at the county; a deployment without one goes to its top. */
const CHAIN_TOP_LEVEL = 'county';

export async function ackHours(ctx: AppContext): Promise<number> {
  return ackHoursSetting(ctx.db);
}

type CaseView = { status: string; dueAt: string | null; payload: OpinionPayload };

/** The signing chain, replayed from the log: who signed each level and when, who decided what. */
export function chainFromLog(p: OpinionPayload, c: CaseView, log: CaseLogEntryDto[], names: Map<string, string>, nowIso: string): OpinionLevelDto[] {
  type Level = { ack: string | null; ackBy: string; arrived: string | null; decision: OpinionDecision | null; measures: string; decidedAt: string | null; decidedBy: string };
  const levels: Level[] = p.chain.map(() => ({ ack: null, ackBy: '', arrived: null, decision: null, measures: '', decidedAt: null, decidedBy: '' }));
  let acting = 0;
  for (const e of log) {
    const data = (e.data ?? {}) as { level?: unknown; arrivedAt?: unknown; measures?: unknown };
    const seq = typeof data.level === 'number' ? data.level : acting;
    const l = levels[seq];
    if (!l) continue;
    if (e.seq === 1) {
      // the report: the reporting level signed by the reporter
      l.arrived = e.at;
      l.ack = e.at;
      l.ackBy = e.actorName;
    } else if (e.action === 'sign') {
      if (!l.ack) [l.ack, l.ackBy] = [e.at, e.actorName];
      // moved from the old chain: its time counted from the report
      if (typeof data.arrivedAt === 'string') l.arrived = data.arrivedAt;
    } else if (e.action === 'handle' || e.action === 'passUp') {
      // deciding before signing signs the level too
      if (!l.ack) [l.ack, l.ackBy] = [e.at, e.actorName];
      l.decision = e.action;
      l.measures = typeof data.measures === 'string' ? data.measures : '';
      l.decidedAt = e.at;
      l.decidedBy = e.actorName;
      if (e.action === 'passUp' && levels[seq + 1]) {
        acting = seq + 1;
        levels[acting].arrived ??= e.at;
      }
    }
  }
  const open = c.status !== 'handled';
  return p.chain.map((unitId, seq) => {
    const l = levels[seq];
    const waiting = open && seq === p.acting;
    const due = waiting && c.dueAt ? c.dueAt : l.arrived ? addSeconds(l.arrived, p.ackHours * 3600) : null;
    return {
      seq,
      orgUnitId: unitId,
      orgUnitName: names.get(unitId) ?? '',
      acknowledgedAt: l.ack,
      acknowledgedByName: l.ackBy,
      ackMinutes: l.ack && l.arrived ? Math.max(0, Math.round(secondsBetween(l.arrived, l.ack) / 60)) : null,
      reached: l.arrived !== null,
      ackDueAt: due,
      ackOverdue: !!due && (l.ack ? l.ack > due : waiting && nowIso > due),
      decision: l.decision,
      measures: l.measures,
      decidedAt: l.decidedAt,
      decidedByName: l.decidedBy,
      acting: waiting,
    };
  });
}

function toDto(r: ReportRow, c: CaseView, chain: OpinionLevelDto[], auth: AuthContext): OpinionDto {
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
    caseStatus: c.status,
    caseStatusLabel: opinionCaseType.states[c.status]?.label ?? c.status,
    dueAt: c.dueAt,
    reportedByName: r.reported_by_name,
    reportedAt: r.reported_at,
    chain,
    myLevel: mine,
    canAcknowledge: write && !!mine && mine.acting && !mine.acknowledgedAt,
    canDecide: write && !!mine && mine.acting,
    myLevelIsTop: !!mine && mine.seq === chain.length - 1,
  };
}

/** The reports with their chains read from the kernel's log (the case row itself for state and deadline). */
export async function searchReportsOf(ctx: AppContext, auth: AuthContext, rows: ReportRow[], withLog = false): Promise<OpinionDto[]> {
  const ids = rows.map((r) => r.id);
  const logs = await readCaseLogs(auth.scope, ctx.db, ids);
  const unitIds = new Set<string>();
  const views = new Map<string, CaseView>();
  for (const c of await getCases(auth.scope, ctx.db, ids)) {
    const payload = opinionPayload.parse(JSON.parse(c.payload));
    views.set(c.id, { status: c.status, dueAt: c.due_at, payload });
    for (const u of payload.chain) unitIds.add(u);
  }
  const names = new Map((await chainUnitsUnscoped(ctx.db, [...unitIds])).map((u) => [u.id, u.name]));
  const now = ctx.clock.now().toISOString();
  return rows.map((r) => {
    const c = views.get(r.id);
    if (!c) throw notFound('舆情信息');
    const log = logs.get(r.id) ?? [];
    const dto = toDto(r, c, chainFromLog(c.payload, c, log, names, now), auth);
    return withLog ? { ...dto, log } : dto;
  });
}

export async function requireReport(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<ReportRow> {
  const r = await getReport(auth.scope, db, id);
  if (!r) throw notFound('舆情信息');
  return r;
}

export async function reportDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<OpinionDto> {
  const r = await requireReport(ctx, auth, id);
  return (await searchReportsOf(ctx, auth, [r], true))[0];
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
  return { ...r, items: await searchReportsOf(ctx, auth, r.items), page: q.page, pageSize: q.pageSize };
}

// ---- writes ----

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string | null, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'opinion-report', targetId, ip, detail);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'opinion-report.export', null, ip, detail));
}

export function reportTitle(level: OpinionLevel, source: string, summary: string): string {
  return `舆情（${opinionLevelLabels[level]}）：${source}　${summary.slice(0, 40)}`;
}

/** Files a report from the caller's unit: a case waiting on that unit, its chain fixed up to the county. */
export async function createReport(ctx: AppContext, auth: AuthContext, input: OpinionCreate, ip: Ip): Promise<OpinionDto> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const foundAt = new Date(input.foundAt).toISOString();
  if (foundAt > addSeconds(at, 300)) throw badRequest('发现时间不能晚于现在', [{ path: 'foundAt', message: '不能晚于现在' }]);
  const reportId = newId(now.getTime());
  await transaction(ctx.db, async (trx) => {
    // the reporting unit and the chain above it as they are now, under the tree lock
    const own = await unitForWrite(trx, ctx.dialect, auth.scope, auth.unit.id);
    const ids = own.path.split('/').filter(Boolean);
    const units = await chainUnitsUnscoped(trx, ids);
    const byId = new Map(units.map((u) => [u.id, u]));
    // from the reporting unit upwards, stopping at the county
    const chain: string[] = [];
    for (const id of [...ids].reverse()) {
      const u = byId.get(id);
      if (!u) continue;
      chain.push(u.id);
      if (u.level === CHAIN_TOP_LEVEL) break;
    }
    await openCase<OpinionPayload>(trx, ctx, auth, {
      type: OPINION_CASE_TYPE,
      id: reportId,
      owner: own,
      // the level the report waits on: at first the reporting unit itself
      counterpart: own,
      title: reportTitle(input.level, input.source, input.summary),
      payload: { chain, acting: 0, ackHours: await ackHoursSetting(trx) },
      // the reporting level is signed by the reporter: it is to handle or pass up
      status: 'signed',
      action: 'report',
      data: { ...input, foundAt },
      record: (id) =>
        insertReport(auth.scope, trx, {
          id,
          ...placedAt(own),
          found_at: foundAt,
          source: input.source,
          summary: input.summary,
          people: input.people,
          level: input.level,
          link: input.link,
          // the kernel writes status, acting level, version and time (mirror)
          status: 'open',
          acting_seq: 0,
          waiting_unit_id: null,
          note: input.note,
          reported_by: auth.userId,
          reported_by_name: auth.displayName,
          reported_at: at,
          version: 1,
          updated_at: at,
        }),
    });
    await audit(trx, ctx, auth, 'opinion-report.create', reportId, ip, `${opinionLevelLabels[input.level]} ${input.source}：${input.summary.slice(0, 60)}`);
  });
  return reportDetail(ctx, auth, reportId);
}

function myEntry(r: OpinionDto, auth: AuthContext): OpinionLevelDto {
  if (!r.myLevel) throw new AppError(409, 'NOT_IN_CHAIN', `${auth.unit.name}不在这条舆情的报送链上，无需签收或处置`);
  return r.myLevel;
}

/** Why the caller's level cannot act now, in words (the kernel would refuse with a generic message). */
function notActingReason(r: OpinionDto, mine: OpinionLevelDto): string {
  const acting = r.chain.find((l) => l.acting);
  if (r.status !== 'open') return '该舆情已处置完毕';
  if (acting && mine.seq < acting.seq) return `${mine.orgUnitName}已${mine.decision ? opinionDecisionLabels[mine.decision] : '处理'}，现由上级处置`;
  return `现由${acting?.orgUnitName ?? '下级'}处置，尚未上报至${mine.orgUnitName}`;
}

/** 签收 by the caller's unit, when the report waits on it. */
export async function acknowledgeReport(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<OpinionDto> {
  const r = await reportDetail(ctx, auth, id);
  const mine = myEntry(r, auth);
  if (mine.acknowledgedAt) throw new AppError(409, 'ALREADY_SIGNED', `${mine.orgUnitName}已于 ${mine.acknowledgedAt} 签收`);
  if (!mine.acting) throw new AppError(409, 'NOT_ACTING', notActingReason(r, mine));
  // signing needs no version from the client: it touches only the caller's own level, once
  await performAction(ctx, auth, id, { action: 'sign', comment: '', version: r.version }, ip);
  return reportDetail(ctx, auth, id);
}

/** The waiting level handles it itself or passes it up; deciding signs the level if not yet. */
export async function decideReport(ctx: AppContext, auth: AuthContext, id: string, input: OpinionDecide, ip: Ip): Promise<OpinionDto> {
  const r = await reportDetail(ctx, auth, id);
  const mine = myEntry(r, auth);
  if (r.status !== 'open') throw new AppError(409, 'HANDLED', '该舆情已处置完毕');
  if (!mine.acting) throw new AppError(409, 'NOT_ACTING', notActingReason(r, mine));
  const top = mine.seq === r.chain.length - 1;
  if (input.decision === 'passUp' && top) throw badRequest(`${mine.orgUnitName}已是报送链的最高一级，不能再上报，请自行处置`, [{ path: 'decision', message: '最高一级只能自行处置' }]);
  await performAction(ctx, auth, id, { action: input.decision, comment: '', version: input.version, data: { measures: input.measures } }, ip);
  return reportDetail(ctx, auth, id);
}
