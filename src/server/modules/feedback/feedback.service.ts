// The public service portal: the feedback box (public submission with a query code, the staff's
// list, detail, reply and publishing through the kernel, the audited reveal of a phone), and each
// unit's service commitments and supervisors. Every write is audited.
import { today } from '../../platform/clock';
import { randomInt } from 'node:crypto';
import { maskPhone, parsePhone } from '../../../shared/rules/phone';
import { shanghaiDay } from '../../../shared/rules/dates';
import { dayDueMarks, dueWarning } from '../../../shared/rules/due-marks';
import {
  FEEDBACK_CASE_TYPE,
  feedbackKindLabels,
  feedbackStatusLabels,
  type AccountFeedbackCreate,
  type FeedbackActionBody,
  type FeedbackCreated,
  type FeedbackDetail,
  type FeedbackDto,
  type FeedbackKind,
  type FeedbackLedgerQuery,
  type FeedbackListQuery,
  type FeedbackSignature,
  type FeedbackStatus,
  type PublicFeedbackCreate,
  type PublicFeedbackView,
  type PublicPortalDto,
  type UnitServiceDto,
} from '../../../shared/schemas/feedback';
import { QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH } from '../../../shared/schemas/public-accounts';
import type { AuditAction } from '../../../shared/schemas/audit-logs';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { placedAt, unitForWrite, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { labelUnitNamesUnscoped } from '../../platform/unit-labels.repo';
import { availableActions, openCase, performAction, readCaseLog, requireCase } from '../../cases/cases.service';
import { feedbackPayload, feedbackSettingsOf, type FeedbackPayload } from './feedback.cases';
import {
  commitmentsOf,
  commitmentsUnscoped,
  feedbackByQueryCodeUnscoped,
  getFeedback,
  insertFeedback,
  listFeedback,
  publicUnitUnscoped,
  publishedFeedbackUnscoped,
  replaceCommitments,
  replaceSupervisors,
  supervisorsOf,
  supervisorsUnscoped,
  type FeedbackFilter,
  type FeedbackRow,
} from './feedback.repo';
import { requireUnit } from '../../platform/scope-units.repo';

type Ip = string | null;
/** How many published replies a unit's public page shows. */
export const PUBLISHED_ON_PAGE = 20;

async function audit(trx: Tx, ctx: AppContext, who: { userId: string | null; username: string | null; unitId: string | null }, action: AuditAction, targetType: string, targetId: string | null, ip: Ip, detail?: string) {
  await appendAudit(trx, {
    at: ctx.clock.now().toISOString(),
    userId: who.userId,
    username: who.username,
    orgUnitId: who.unitId,
    action,
    targetType,
    targetId,
    result: 'success',
    ip,
    detail: detail ?? null,
  });
}
const staff = (auth: AuthContext) => ({ userId: auth.userId, username: auth.username, unitId: auth.unit.id });

function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

export function feedbackCodeHash(ctx: AppContext, code: string): string {
  return ctx.crypto.lookupHash(`feedback-query:${code}`);
}

// ---- the public side ----

/** Who wrote the entry, as the public route saw them. */
type Writer = { signature: 'anonymous' } | { signature: 'named'; name: string; phone: string } | { signature: 'account'; accountId: string; name: string };

/** Checks the signature of an entry sent without an account: anonymous sends no name or phone; signed sends both. */
export function writerOf(body: PublicFeedbackCreate): Writer {
  if (body.signature === 'anonymous') {
    if (body.name || body.phone) throw badRequest('匿名提交请不要填写姓名和电话', [{ path: body.name ? 'name' : 'phone', message: '匿名提交不填写' }]);
    return { signature: 'anonymous' };
  }
  if (!body.name) throw badRequest('署名提交请填写姓名', [{ path: 'name', message: '请填写姓名' }]);
  if (!body.phone) throw badRequest('署名提交请填写联系电话', [{ path: 'phone', message: '请填写联系电话' }]);
  const p = parsePhone(body.phone);
  if (!p.ok) throw badRequest(`联系电话：${p.message}`, [{ path: 'phone', message: p.message }]);
  return { signature: 'named', name: body.name, phone: p.national };
}

/** The kernel's actor for an entry from the public side, scoped to the unit written to. */
function publicActor(unit: { id: string; path: string }, writer: Writer): AuthContext {
  const id = writer.signature === 'account' ? `public:${writer.accountId}` : 'public:feedback';
  return {
    sessionId: '',
    csrfToken: '',
    stage: 'active',
    userId: id,
    username: id,
    displayName: writer.signature === 'anonymous' ? '匿名' : writer.name,
    roles: [],
    permissions: [],
    unit: { id: '', name: '意见簿', level: 'county', code: '', path: unit.path },
    scope: { userId: id, orgUnitId: unit.id, path: unit.path },
    passwordChangedAt: '',
    totpEnabled: false,
  };
}

/** An entry from the public page: a case waiting on the unit with the reply deadline; answers the query code once. */
export async function submitFeedback(
  ctx: AppContext,
  body: { orgUnitId: string; kind: FeedbackKind; text: string; rating: number | null },
  writer: Writer,
  ip: Ip,
): Promise<FeedbackCreated> {
  const unitRow = await publicUnitUnscoped(ctx.db, body.orgUnitId);
  if (!unitRow) throw notFound('单位');
  const now = ctx.clock.now();
  const at = now.toISOString();
  const queryCode = newQueryCode();
  return transaction(ctx.db, async (trx) => {
    const unit = await unitForWriteUnscoped(trx, ctx.dialect, unitRow.id);
    const actor = publicActor(unit, writer);
    const settings = await feedbackSettingsOf(trx);
    const payload: FeedbackPayload = feedbackPayload.parse({ replyDays: settings.replyDays, replyDayKind: settings.replyDayKind });
    const id = await openCase(trx, ctx, actor, {
      type: FEEDBACK_CASE_TYPE,
      owner: unit,
      title: `${feedbackKindLabels[body.kind]}：${body.text.slice(0, 30)}`,
      payload,
      status: 'submitted',
      action: 'submit',
      comment: writer.signature === 'account' ? '公众账号提交' : writer.signature === 'named' ? '署名提交' : '匿名提交',
      record: (caseId) =>
        insertFeedback(actor.scope, trx, {
          id: caseId,
          ...placedAt(unit),
          kind: body.kind,
          body: body.text,
          rating: body.rating,
          signature: writer.signature,
          writer_name: writer.signature === 'anonymous' ? '' : writer.name,
          phone_enc: writer.signature === 'named' ? ctx.crypto.encrypt(writer.phone) : null,
          phone_hash: writer.signature === 'named' ? ctx.crypto.lookupHash(writer.phone) : null,
          public_account_id: writer.signature === 'account' ? writer.accountId : null,
          query_code_hash: feedbackCodeHash(ctx, queryCode),
          submitted_at: at,
          submitted_on: shanghaiDay(now),
          // the mirror columns: written by the kernel right after
          status: 'submitted',
          due_day: null,
          reply: null,
          replied_on: null,
          replied_by_name: null,
          published: 0,
          published_at: null,
          version: 1,
          updated_at: at,
        }),
    });
    await audit(trx, ctx, { userId: null, username: actor.username, unitId: unit.id }, 'feedback.submit', 'feedback', id, ip, feedbackKindLabels[body.kind]);
    const row = await getFeedback(actor.scope, trx, id);
    return { queryCode, dueDay: row?.due_day ?? null, unitName: unit.name };
  });
}

export function submitPublicFeedback(ctx: AppContext, body: PublicFeedbackCreate, ip: Ip) {
  const writer = writerOf(body);
  return submitFeedback(ctx, body, writer, ip);
}

export function submitAccountFeedback(ctx: AppContext, account: { accountId: string; name: string }, body: AccountFeedbackCreate, ip: Ip) {
  return submitFeedback(ctx, body, { signature: 'account', accountId: account.accountId, name: account.name }, ip);
}

/** The writer's own entry by its query code: a wrong code is 404; every query is audited. */
export async function queryFeedback(ctx: AppContext, code: string, ip: Ip): Promise<PublicFeedbackView> {
  const row = await feedbackByQueryCodeUnscoped(ctx.db, feedbackCodeHash(ctx, code));
  await transaction(ctx.db, (trx) =>
    audit(trx, ctx, { userId: null, username: 'public', unitId: row?.org_unit_id ?? null }, 'feedback.query', 'feedback', row?.id ?? null, ip, row ? undefined : '查询码不正确'),
  );
  if (!row) throw notFound('意见，请核对查询码');
  const status = row.status as FeedbackStatus;
  return {
    unitName: row.org_unit_name,
    kind: row.kind as FeedbackKind,
    text: row.body,
    rating: row.rating,
    submittedOn: row.submitted_on,
    status,
    statusLabel: feedbackStatusLabels[status] ?? status,
    dueDay: row.due_day,
    reply: row.reply,
    repliedOn: row.replied_on,
    published: row.published === 1,
  };
}

/** The portal part of a unit's public page: commitments, supervisors and published replies. */
export async function publicPortal(ctx: AppContext, unitId: string): Promise<PublicPortalDto> {
  const unit = await publicUnitUnscoped(ctx.db, unitId);
  if (!unit) throw notFound('单位');
  const [commitments, supervisors, published] = await Promise.all([
    commitmentsUnscoped(ctx.db, unit.id),
    supervisorsUnscoped(ctx.db, unit.id),
    publishedFeedbackUnscoped(ctx.db, unit.id, PUBLISHED_ON_PAGE),
  ]);
  return {
    commitments: commitments.map((c) => c.body),
    supervisors: supervisors.map((s) => ({ name: s.name, affiliation: s.affiliation, phone: s.phone })),
    published: published.map((p) => ({ kind: p.kind as FeedbackKind, text: p.body, submittedOn: p.submitted_on, reply: p.reply ?? '', repliedOn: p.replied_on ?? '' })),
  };
}

// ---- staff: entries ----

export function toFeedbackDto(r: FeedbackRow, todayDay: string): FeedbackDto {
  const status = r.status as FeedbackStatus;
  const open = status === 'submitted';
  return {
    id: r.id,
    version: r.version,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    kind: r.kind as FeedbackKind,
    kindLabel: feedbackKindLabels[r.kind as FeedbackKind] ?? r.kind,
    signature: r.signature as FeedbackSignature,
    writerName: r.signature === 'anonymous' ? '匿名' : r.writer_name,
    /** filled by withMaskedPhone (needs the key) */
    phoneMasked: null,
    text: r.body,
    rating: r.rating,
    submittedAt: r.submitted_at,
    submittedOn: r.submitted_on,
    status,
    statusLabel: feedbackStatusLabels[status] ?? status,
    open,
    dueDay: r.due_day,
    warning: open ? dueWarning(dayDueMarks(r.due_day, todayDay)) : 'none',
    reply: r.reply,
    repliedOn: r.replied_on,
    repliedByName: r.replied_by_name,
    published: r.published === 1,
  };
}

async function requireFeedback(ctx: AppContext, auth: AuthContext, id: string): Promise<FeedbackRow> {
  const row = await getFeedback(auth.scope, ctx.db, id);
  if (!row) throw notFound('意见');
  return row;
}

export async function feedbackFilter(ctx: AppContext, auth: AuthContext, q: FeedbackLedgerQuery): Promise<FeedbackFilter> {
  return {
    unitPath: q.orgUnitId ? (await requireUnit(ctx, auth, q.orgUnitId)).path : undefined,
    status: q.status,
    kind: q.kind,
    published: q.published === undefined ? undefined : q.published === 'true',
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    today: today(ctx),
    q: q.q || undefined,
  };
}

export function withMaskedPhone(ctx: AppContext, r: FeedbackRow, dto: FeedbackDto): FeedbackDto {
  return { ...dto, phoneMasked: r.phone_enc ? maskPhone(ctx.crypto.decrypt(r.phone_enc)) : null };
}

export async function searchFeedback(ctx: AppContext, auth: AuthContext, q: FeedbackListQuery) {
  const f = await feedbackFilter(ctx, auth, q);
  const r = await listFeedback(auth.scope, ctx.db, { ...f, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
  const t = today(ctx);
  const items = r.items.map((row) => withMaskedPhone(ctx, row, toFeedbackDto(row, t)));
  return { ...r, items: await labelUnitNamesUnscoped(ctx.db, items), page: q.page, pageSize: q.pageSize };
}

export async function feedbackDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<FeedbackDetail> {
  const row = await requireFeedback(ctx, auth, id);
  const c = await requireCase(ctx, auth.scope, id);
  const log = await readCaseLog(auth.scope, ctx.db, id);
  return {
    ...withMaskedPhone(ctx, row, toFeedbackDto(row, today(ctx))),
    log,
    // publish is offered while not published, unpublish while published (the effects refuse the other)
    actions: availableActions(c, auth)
      .filter((a) => !(a.name === 'publish' && row.published === 1) && !(a.name === 'unpublish' && row.published !== 1))
      .map((a) => ({ name: a.name, label: a.label })),
  };
}

export async function runFeedbackAction(ctx: AppContext, auth: AuthContext, id: string, body: FeedbackActionBody, ip: Ip): Promise<FeedbackDetail> {
  await requireFeedback(ctx, auth, id);
  const data = body.action === 'reply' ? { reply: body.reply, publish: body.publish } : undefined;
  await performAction(ctx, auth, id, { action: body.action, comment: '', version: body.version, data }, ip);
  return feedbackDetail(ctx, auth, id);
}

export async function revealPhone(ctx: AppContext, auth: AuthContext, id: string, ip: Ip): Promise<string> {
  const row = await requireFeedback(ctx, auth, id);
  if (!row.phone_enc) throw notFound('联系电话');
  await transaction(ctx.db, (trx) => audit(trx, ctx, staff(auth), 'feedback.reveal', 'feedback', id, ip, '查看联系电话'));
  return ctx.crypto.decrypt(row.phone_enc);
}

export async function auditExport(ctx: AppContext, auth: AuthContext, ip: Ip, detail: string): Promise<void> {
  await transaction(ctx.db, (trx) => audit(trx, ctx, staff(auth), 'feedback.export', 'feedback', null, ip, detail));
}

export { requireUnit as requireFeedbackUnit };

// ---- staff: commitments and supervisors ----

export async function unitService(ctx: AppContext, auth: AuthContext, unitId: string): Promise<UnitServiceDto> {
  const unit = await requireUnit(ctx, auth, unitId);
  const [commitments, supervisors] = await Promise.all([commitmentsOf(auth.scope, ctx.db, unit.id), supervisorsOf(auth.scope, ctx.db, unit.id)]);
  const last = [...commitments, ...supervisors].sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1))[0];
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    commitments: commitments.map((c) => c.body),
    supervisors: supervisors.map((s) => ({ name: s.name, affiliation: s.affiliation, phone: s.phone })),
    updatedAt: last?.updated_at ?? null,
    updatedByName: last?.updated_by_name ?? null,
  };
}

function notGrid(level: string) {
  if (level === 'grid') throw badRequest('网格没有公开页面，请在村（社区）服务站维护');
}

export async function saveCommitments(ctx: AppContext, auth: AuthContext, unitId: string, items: string[], ip: Ip): Promise<UnitServiceDto> {
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, unitId);
    notGrid(unit.level);
    const rows = items.map((body, i) => ({ id: newId(), ...placedAt(unit), position: i + 1, body, updated_by_name: auth.displayName, updated_at: at }));
    await replaceCommitments(auth.scope, trx, unit, rows);
    await audit(trx, ctx, staff(auth), 'service.commitments', 'org_unit', unit.id, ip, `${unit.name}：${items.length} 条`);
  });
  return unitService(ctx, auth, unitId);
}

export async function saveSupervisors(ctx: AppContext, auth: AuthContext, unitId: string, items: { name: string; affiliation: string; phone: string }[], ip: Ip): Promise<UnitServiceDto> {
  const phones = items.map((s, i) => {
    const p = parsePhone(s.phone);
    if (!p.ok) throw badRequest(`第 ${i + 1} 名监督员的联系电话：${p.message}`, [{ path: `items.${i}.phone`, message: p.message }]);
    return p.national;
  });
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, unitId);
    notGrid(unit.level);
    const rows = items.map((s, i) => ({ id: newId(), ...placedAt(unit), position: i + 1, name: s.name, affiliation: s.affiliation, phone: phones[i], updated_by_name: auth.displayName, updated_at: at }));
    await replaceSupervisors(auth.scope, trx, unit, rows);
    await audit(trx, ctx, staff(auth), 'service.supervisors', 'org_unit', unit.id, ip, `${unit.name}：${items.length} 名`);
  });
  return unitService(ctx, auth, unitId);
}
