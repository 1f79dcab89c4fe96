// Applications 办件 (issue 13): a village or township worker receives an application for a
// person of the registry and an item of the applicant's unit's catalog; the item's snapshot is
// kept in the case (later catalog edits do not change it). Materials missing at receipt return it
// at once naming them (一次性告知); each level the item names gives its opinion in order; 公示 where
// the item requires it; the county decides. Each in-person visit of the applicant is a run
// (最多跑一次); home service and delegated handling are recorded and count as zero runs.
import { today } from '../../platform/clock';
import {
  APPLICATION_CASE_TYPE,
  applicationStatusLabels,
  runReasonLabels,
  homeServiceKindLabels,
  type ApplicationAction,
  type ApplicationCreate,
  type ApplicationDetail,
  type ApplicationDto,
  type ApplicationFigures,
  type ApplicationListQuery,
  type ApplicationReceipt,
  PUBLIC_APPLICATION_QUERY_PATH,
  type ApplicationStatus,
  type HomeServiceCreate,
  type RunCreate,
} from '../../../shared/schemas/applications';
import { randomInt } from 'node:crypto';
import { QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH } from '../../../shared/schemas/public-accounts';
import { stepLevels, type StepLevel } from '../../../shared/schemas/service-items';
import { caseDetail, openCase, performAction } from '../../cases/cases.service';
import { dayOf } from '../../cases/public-notice';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { unitInScope } from '../../platform/scope-units.repo';
import { placedAt, unitForWriteUnscoped, unitOfRecordForWrite, type Stored } from '../../platform/stored-unit.repo';
import type { ApplicationVisitTable } from '../../db/types';
import { requireRecipient } from '../recipients';
import { serviceItemForUse } from '../service-items';
import { checklistOf, missingMaterials, type ApplicationPayload } from './applications.cases';
import {
  APP_METRICS,
  figuresOf,
  getApplication,
  insertApplication,
  insertVisit,
  leaveOneRun,
  listApplications,
  nextApplicationNoUnscoped,
  shiftStatus,
  unitsOnPathUnscoped,
  visitsOf,
  type ApplicationFilter,
  type ApplicationRow,
} from './applications.repo';
import { applicationOpened } from './applications.events';
import { publish } from '../../platform/events';

type Ip = string | null;

/** Where the plaque flow lives: items handed off to it are not applications. */
export const PLAQUE_FLOW_LINK = '/glory-plaques';

export function toApplicationDto(r: ApplicationRow, todayDay: string): ApplicationDto {
  const status = r.status as ApplicationStatus;
  return {
    id: r.id,
    version: r.version,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    itemId: r.item_id,
    itemName: r.item_name,
    status,
    statusLabel: applicationStatusLabels[status] ?? r.status,
    stepLabel: r.step_label,
    dueDay: r.due_day,
    overdue: r.closed_on === null && r.due_day !== null && r.due_day < todayDay,
    runs: r.runs,
    homeServices: r.home_services,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    updatedAt: r.updated_at,
    registrationNo: r.registration_no,
    source: r.source === 'online' ? 'online' : 'staff',
    recipientStatus: r.recipient_status as ApplicationDto['recipientStatus'],
  };
}

async function unitPathOf(ctx: AppContext, auth: AuthContext, orgUnitId: string | undefined): Promise<string | undefined> {
  if (!orgUnitId) return undefined;
  const u = await unitInScope(auth.scope, ctx.db, orgUnitId);
  if (!u) throw notFound('单位');
  return u.path;
}

export async function applicationFilter(ctx: AppContext, auth: AuthContext, q: Omit<ApplicationListQuery, 'page' | 'pageSize' | 'sort'>): Promise<ApplicationFilter> {
  const t = today(ctx);
  return {
    unitPath: await unitPathOf(ctx, auth, q.orgUnitId),
    itemId: q.itemId,
    recipientId: q.recipientId,
    status: q.status,
    overdueOn: q.overdue === 'true' ? t : undefined,
    notOverdueOn: q.overdue === 'false' ? t : undefined,
    manyRuns: q.manyRuns === undefined ? undefined : q.manyRuns === 'true',
    closedIn: q.closedIn,
  };
}

export async function searchApplications(ctx: AppContext, auth: AuthContext, q: ApplicationListQuery) {
  const f = await applicationFilter(ctx, auth, q);
  const r = await listApplications(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort });
  const t = today(ctx);
  return { ...r, items: r.items.map((x) => toApplicationDto(x, t)), page: q.page, pageSize: q.pageSize };
}

export async function applicationDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<ApplicationDetail> {
  const row = await getApplication(auth.scope, ctx.db, id);
  if (!row) throw notFound('办件');
  const c = await caseDetail(ctx, auth, id);
  const p = c.payload as unknown as ApplicationPayload;
  const visits = await visitsOf(auth.scope, ctx.db, id);
  const status = row.status as ApplicationStatus;
  const waiting = status === 'returned' ? row.org_unit_name : status === 'approved' || status === 'rejected' ? null : (p.stepUnits[p.stepIndex]?.name ?? null);
  return {
    ...toApplicationDto(row, today(ctx)),
    item: p.item,
    materials: p.materials,
    stepIndex: p.stepIndex,
    opinions: p.opinions,
    missingTold: p.missingTold,
    notice: p.notice,
    decision: p.decision,
    waitingUnitName: waiting,
    visits: visits.map((v) => ({ id: v.id, kind: v.kind as 'run', reason: v.reason, day: v.day, handledBy: v.handled_by, note: v.note, createdAt: v.created_at })),
    log: c.log,
    actions: c.actions,
  };
}

/** The unit of each step on the applicant's path: their village, township, county. */
async function stepUnitsOf(trx: Tx, ownerPath: string, levels: readonly StepLevel[]) {
  const onPath = await unitsOnPathUnscoped(trx, ownerPath);
  return levels.map((level) => {
    const u = onPath.find((x) => x.level === level);
    if (!u) throw new AppError(409, 'NO_STEP_UNIT', `申请人所在单位之上没有${{ village: '村(社区)', township: '乡镇(街道)', county: '县(市、区)' }[level]}一级，该事项无法在此办理`);
    return { id: u.id, name: u.name };
  });
}

/** How an application comes in: the staff form's channels, or online with the veteran's public account (zero runs). */
export type ReceiveInput = Omit<ApplicationCreate, 'channel'> & { channel: ApplicationCreate['channel'] | 'online'; publicAccountId?: string };

export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

export function applicationCodeHash(ctx: AppContext, code: string): string {
  return ctx.crypto.lookupHash(`application-query:${code}`);
}

/**
 * Receives an application inside the caller's transaction (staff, or a public account's online
 * application with a public actor scoped to the applicant's unit): the item's snapshot, the
 * checklist, the step units, the case, the 办件编号 and the query code. An applicant whose
 * collection record 信息采集 is still in progress may apply; approval waits for its review.
 */
export async function createApplicationIn(trx: Tx, ctx: AppContext, auth: AuthContext, input: ReceiveInput, ip: Ip): Promise<{ id: string; registrationNo: string; queryCode: string }> {
  const r = await requireRecipient(ctx, auth, input.recipientId, trx);
  if (r.deceased) throw new AppError(409, 'DECEASED', '该服务对象已登记去世，不能以其本人名义受理办件');
  const owner = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'recipients', r.id);
  const item = await serviceItemForUse(trx, owner.path, input.itemId);
  if (item.handoff === 'glory-plaque')
    throw new AppError(409, 'HANDOFF_PLAQUE', '光荣牌悬挂申请请到“光荣牌”模块登记办理（按家庭户登记，不作为办件）', [{ path: 'itemId', message: PLAQUE_FLOW_LINK }]);
  const materials = checklistOf(item, input.received);
  const missing = missingMaterials(materials);
  const stepUnits = await stepUnitsOf(trx, owner.path, item.steps.map((s) => s.level));
  const status: ApplicationStatus = missing.length ? 'returned' : 'review';
  const counterpart = status === 'review' ? await unitForWriteUnscoped(trx, ctx.dialect, stepUnits[0].id) : null;
  const at = ctx.clock.now().toISOString();
  const day = dayOf(at);
  const online = input.channel === 'online';
  const registrationNo = `${day.slice(0, 4)}${String(await nextApplicationNoUnscoped(trx, Number(day.slice(0, 4)))).padStart(6, '0')}`;
  const queryCode = newQueryCode();
  const payload: ApplicationPayload = {
    recipientId: r.id,
    recipientName: r.name,
    item,
    materials,
    stepUnits,
    stepIndex: 0,
    opinions: [],
    missingTold: missing,
    notice: null,
    decision: null,
    note: input.note,
  };
  const told = missing.length ? `材料不齐，一次性告知所缺材料：${missing.join('、')}` : '材料齐全，予以受理';
  const caseId = await openCase(trx, ctx, auth, {
    type: APPLICATION_CASE_TYPE,
    owner,
    counterpart,
    subject: { type: 'recipient', id: r.id },
    title: `${r.name}·${item.name}`,
    payload,
    status,
    action: 'receive',
    comment: online ? `网上申请（本人勾选已备材料）；${told}` : told,
    data: { channel: input.channel, received: input.received, missing, registrationNo },
    record: async (caseId) => {
      await insertApplication(auth.scope, trx, {
        id: caseId,
        ...placedAt(owner),
        recipient_id: r.id,
        item_id: item.id,
        item_name: item.name,
        status,
        step_label: '',
        due_day: null,
        runs: 0,
        home_services: 0,
        opened_on: day,
        closed_on: null,
        version: 1,
        created_by: auth.userId,
        created_at: at,
        updated_at: at,
        registration_no: registrationNo,
        query_code_hash: applicationCodeHash(ctx, queryCode),
        query_code_enc: ctx.crypto.encrypt(queryCode),
        source: online ? 'online' : 'staff',
        public_account_id: input.publicAccountId ?? null,
      });
      await shiftStatus(trx, owner.path, item, null, status);
    },
  });
  // an online application is no visit (zero runs); a staff one is the first run or the home service
  if (input.channel !== 'online') {
    const visit: Omit<Stored<ApplicationVisitTable>, 'id' | 'application_id'> =
      input.channel === 'inPerson'
        ? { ...placedAt(owner), kind: 'run', reason: 'first', day, handled_by: auth.displayName, note: '', created_by: auth.userId, created_at: at }
        : { ...placedAt(owner), kind: input.channel, reason: '', day, handled_by: input.home!.handledBy, note: input.home!.note, created_by: auth.userId, created_at: at };
    await insertVisit(auth.scope, trx, { id: newId(), application_id: caseId, ...visit });
  }
  await publish(trx, ctx, applicationOpened, { applicationId: caseId, recipientId: r.id, fromFollowUpId: input.fromFollowUpId, auth, ip });
  return { id: caseId, registrationNo, queryCode };
}

export async function createApplication(ctx: AppContext, auth: AuthContext, input: ApplicationCreate, ip: Ip): Promise<ApplicationDetail> {
  const { id } = await transaction(ctx.db, (trx) => createApplicationIn(trx, ctx, auth, input, ip));
  return applicationDetail(ctx, auth, id);
}

/** 受理回执: the receipt with the 办件编号 and the query code (decrypted for printing, audited). */
export async function applicationReceipt(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<ApplicationReceipt> {
  const row = await getApplication(auth.scope, ctx.db, id);
  if (!row) throw notFound('办件');
  const c = await caseDetail(ctx, auth, id);
  const p = c.payload as unknown as ApplicationPayload;
  await transaction(ctx.db, (trx) =>
    appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: 'application.receipt', targetType: 'application', targetId: id, result: 'success', ip, detail: row.registration_no ?? '' }),
  );
  return {
    id,
    registrationNo: row.registration_no,
    queryCode: row.query_code_enc ? ctx.crypto.decrypt(row.query_code_enc) : null,
    queryPath: PUBLIC_APPLICATION_QUERY_PATH,
    applicantName: row.recipient_name,
    itemName: row.item_name,
    unitName: row.org_unit_name,
    openedOn: row.opened_on,
    source: row.source === 'online' ? 'online' : 'staff',
    materials: p.materials,
    missingTold: p.missingTold,
    steps: p.item.steps.map((s, i) => ({ label: s.label, unitName: p.stepUnits[i]?.name ?? '', days: s.days, dayKind: s.dayKind })),
    noticeRequired: p.item.noticeRequired,
    resultDocument: p.item.resultDocument,
    decider: p.item.decider,
  };
}

export async function actOnApplication(ctx: AppContext, auth: AuthContext, id: string, body: ApplicationAction, ip: Ip): Promise<ApplicationDetail> {
  if (!(await getApplication(auth.scope, ctx.db, id))) throw notFound('办件');
  await performAction(ctx, auth, id, { action: body.action, comment: body.comment, version: body.version, data: body.data }, ip);
  return applicationDetail(ctx, auth, id);
}

function notAfterToday(ctx: AppContext, day: string, field: string, label: string): void {
  if (day > today(ctx)) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
}

async function addVisit(ctx: AppContext, auth: AuthContext, id: string, v: { kind: string; reason: string; day: string; handledBy: string; note: string }, ip: Ip, detail: string): Promise<ApplicationDetail> {
  await transaction(ctx.db, async (trx) => {
    const row = await getApplication(auth.scope, trx, id);
    if (!row) throw notFound('办件');
    if (v.day < row.opened_on) throw badRequest(`日期不能早于受理日期（${row.opened_on}）`, [{ path: 'day', message: '不能早于受理日期' }]);
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'cases', id);
    const at = ctx.clock.now().toISOString();
    const before = await insertVisit(auth.scope, trx, {
      id: newId(),
      application_id: id,
      ...placedAt(unit),
      kind: v.kind,
      reason: v.reason,
      day: v.day,
      handled_by: v.handledBy,
      note: v.note,
      created_by: auth.userId,
      created_at: at,
    });
    // a second run after closing: the application leaves its month's 最多跑一次 count
    if (v.kind === 'run' && row.closed_on && before === 1) await leaveOneRun(trx, unit.path, row.closed_on.slice(0, 7));
    await appendAudit(trx, {
      at,
      userId: auth.userId,
      username: auth.username,
      orgUnitId: auth.unit.id,
      action: v.kind === 'run' ? 'application.run' : 'application.home-service',
      targetType: 'application',
      targetId: id,
      result: 'success',
      ip,
      detail,
    });
  });
  return applicationDetail(ctx, auth, id);
}

export async function recordRun(ctx: AppContext, auth: AuthContext, id: string, input: RunCreate, ip: Ip): Promise<ApplicationDetail> {
  notAfterToday(ctx, input.day, 'day', '到场日期');
  return addVisit(ctx, auth, id, { kind: 'run', reason: input.reason, day: input.day, handledBy: auth.displayName, note: input.note }, ip, `${input.day} ${runReasonLabels[input.reason]}`);
}

export async function recordHomeService(ctx: AppContext, auth: AuthContext, id: string, input: HomeServiceCreate, ip: Ip): Promise<ApplicationDetail> {
  notAfterToday(ctx, input.day, 'day', '日期');
  return addVisit(ctx, auth, id, { kind: input.kind, reason: '', day: input.day, handledBy: input.handledBy, note: input.note }, ip, `${input.day} ${homeServiceKindLabels[input.kind]}：${input.handledBy}`);
}

export async function applicationFigures(ctx: AppContext, auth: AuthContext, q: { orgUnitId?: string; period: string }): Promise<ApplicationFigures> {
  const unitId = q.orgUnitId ?? auth.unit.id;
  if (!(await unitInScope(auth.scope, ctx.db, unitId))) throw notFound('单位');
  const rows = await figuresOf(ctx.db, unitId);
  const n = (metric: string, bucket: string) => rows.find((r) => r.metric === metric && r.bucket === bucket)?.n ?? 0;
  const closed = n(APP_METRICS.closed, q.period);
  const atMostOneRun = n(APP_METRICS.oneRun, q.period);
  const byItemStatus = rows
    .filter((r) => r.metric === APP_METRICS.status && r.n > 0)
    .map((r) => {
      const [status, itemId, ...name] = r.bucket.split('|');
      return { itemId, itemName: name.join('|'), status: status as ApplicationStatus, n: r.n };
    })
    .sort((a, b) => a.itemName.localeCompare(b.itemName, 'zh') || a.status.localeCompare(b.status));
  const steps = stepLevels.map((level) => {
    const onTime = n(APP_METRICS.step, `${level}|on`);
    const late = n(APP_METRICS.step, `${level}|late`);
    return { level, onTime, late, rate: onTime + late ? onTime / (onTime + late) : null };
  });
  return { orgUnitId: unitId, period: q.period, closed, atMostOneRun, oneRunRate: closed ? atMostOneRun / closed : null, byItemStatus, steps };
}

/** An application of the caller's range, for another module that links to it (a completed booking): its item, or 404. */
export async function applicationForLink(trx: Tx, auth: AuthContext, id: string): Promise<{ id: string; itemId: string; recipientId: string }> {
  const a = await getApplication(auth.scope, trx, id);
  if (!a) throw notFound('办件');
  return { id: a.id, itemId: a.item_id, recipientId: a.recipient_id };
}
